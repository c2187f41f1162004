/* The Compose Specification's objects, keys and value types, as a table
 * of our own built from the specification's reference.
 * Where the spec's schema, its text and Docker Compose (compose-go)
 * disagree, the union is accepted: `pre_start`, `build.no_cache_filter`
 * and the other compose-go additions are here, and so is the string form
 * of `extends`.  `x-` keys are allowed exactly where the spec allows them
 * (x_ok); the user-named maps (services, volumes, …) take any name.
 *
 * Types are deliberately the schema's: `user: 1000` (an integer where
 * only a string is allowed) is an error in Compose, and so is
 * `interval: 30`.  Nulls are never reported (a rule that cannot decide
 * stays silent), and neither are values that contain `${…}`. */
#include <stddef.h>

#include "compose_schema.h"

#define END {NULL, 0, NULL, 0, NULL, NULL}
#define K(n, t) {n, t, NULL, 0, NULL, NULL}
#define KM(n, t, o) {n, t, &o, 0, NULL, NULL}
#define KL(n, t, it, io) {n, t, NULL, it, io, NULL}
#define KML(n, t, o, it, io) {n, t, &o, it, io, NULL}
#define KE(n, t, words) {n, t, NULL, 0, NULL, words}
#define LOD(n) {n, ST_MAP | ST_SEQ, &lod, ST_STR, NULL, NULL}
#define SOL(n) {n, ST_STR | ST_SEQ, NULL, ST_STR, NULL, NULL}
#define CMD(n) {n, ST_STR | ST_SEQ | ST_NULL, NULL, ST_STR | ST_NUM, NULL, NULL}
#define STRS(n) {n, ST_SEQ, NULL, ST_STR, NULL, NULL}
#define OBJ(var, label, x) static const SchemaObj var = {label, var##_keys, x, NULL}
#define FREE(var, label, each) static const SchemaObj var = {label, NULL, false, &each}

/* --- Values known by name (completion offers them) ----------------------- */

static const char *const dep_conditions[] = {"service_started", "service_healthy",
                                             "service_completed_successfully", NULL};
static const char *const restart_values[] = {"no", "always", "on-failure", "unless-stopped", NULL};
static const char *const pull_policies[] = {"always", "never", "missing", "build", "daily", "weekly", NULL};
static const char *const restart_conditions[] = {"none", "on-failure", "any", NULL};
static const char *const deploy_modes[] = {"replicated", "global", "replicated-job", "global-job", NULL};
static const char *const port_protocols[] = {"tcp", "udp", NULL};
static const char *const port_modes[] = {"host", "ingress", NULL};
static const char *const mount_types[] = {"volume", "bind", "tmpfs", "image", "npipe", "cluster", NULL};

/* --- Shared shapes ------------------------------------------------------- */

static const SchemaKey lod_value = K(NULL, ST_SCALAR | ST_NULL);
FREE(lod, "list-or-dict", lod_value);
static const SchemaKey any_value = K(NULL, ST_ANY);
FREE(open_map, "map", any_value);
static const SchemaKey strnum_value = K(NULL, ST_STR | ST_NUM);
FREE(driver_opts, "driver_opts", strnum_value);
static const SchemaKey str_value = K(NULL, ST_STR);
FREE(str_map, "map", str_value);
static const SchemaKey hosts_value = {NULL, ST_STR | ST_SEQ, NULL, ST_STR, NULL, NULL};
FREE(hosts_map, "extra_hosts", hosts_value);

static const SchemaKey ulimit_obj_keys[] = {K("soft", ST_INT | ST_STR), K("hard", ST_INT | ST_STR), END};
OBJ(ulimit_obj, "ulimit", true);
static const SchemaKey ulimit_value = KM(NULL, ST_INT | ST_STR | ST_MAP, ulimit_obj);
FREE(ulimits, "ulimits", ulimit_value);

static const SchemaKey file_ref_keys[] = {K("source", ST_STR), K("target", ST_STR), K("uid", ST_STR),
                                          K("gid", ST_STR), K("mode", ST_NUM | ST_STR), END};
OBJ(file_ref, "secret or config reference", true);

static const SchemaKey hook_keys[] = {CMD("command"), K("user", ST_STR), K("privileged", ST_BOOL | ST_STR),
                                      K("working_dir", ST_STR), LOD("environment"), END};
OBJ(hook, "hook", true);
static const SchemaKey pre_start_keys[] = {CMD("command"), K("image", ST_STR), K("user", ST_STR),
                                           K("privileged", ST_BOOL | ST_STR), K("working_dir", ST_STR),
                                           LOD("environment"), K("per_replica", ST_BOOL | ST_STR), END};
OBJ(pre_start, "pre_start hook", true);

static const SchemaKey device_request_keys[] = {STRS("capabilities"), K("count", ST_STR | ST_INT),
                                                STRS("device_ids"), K("driver", ST_STR), LOD("options"), END};
OBJ(device_request, "device request", true);

/* --- Service parts -------------------------------------------------------- */

static const SchemaKey build_keys[] = {
    K("context", ST_STR), K("dockerfile", ST_STR), K("dockerfile_inline", ST_STR), LOD("args"),
    LOD("ssh"), LOD("labels"), STRS("cache_from"), STRS("cache_to"), K("no_cache", ST_BOOL | ST_STR),
    SOL("no_cache_filter"), LOD("additional_contexts"), STRS("entitlements"), K("network", ST_STR),
    K("provenance", ST_STR | ST_BOOL), K("sbom", ST_STR | ST_BOOL), K("pull", ST_BOOL | ST_STR),
    K("target", ST_STR), K("shm_size", ST_INT | ST_STR), KML("extra_hosts", ST_MAP | ST_SEQ, hosts_map, ST_STR, NULL),
    K("isolation", ST_STR), K("privileged", ST_BOOL | ST_STR),
    KL("secrets", ST_SEQ, ST_STR | ST_MAP, &file_ref), STRS("tags"), KM("ulimits", ST_MAP, ulimits),
    STRS("platforms"), END};
OBJ(build, "build", true);

static const SchemaKey rate_item_keys[] = {K("path", ST_STR), K("rate", ST_INT | ST_STR), END};
OBJ(rate_item, "blkio device", false);
static const SchemaKey weight_item_keys[] = {K("path", ST_STR), K("weight", ST_INT | ST_STR), END};
OBJ(weight_item, "blkio weight device", false);
static const SchemaKey blkio_keys[] = {
    K("weight", ST_INT | ST_STR), KL("weight_device", ST_SEQ, ST_MAP, &weight_item),
    KL("device_read_bps", ST_SEQ, ST_MAP, &rate_item), KL("device_write_bps", ST_SEQ, ST_MAP, &rate_item),
    KL("device_read_iops", ST_SEQ, ST_MAP, &rate_item), KL("device_write_iops", ST_SEQ, ST_MAP, &rate_item), END};
OBJ(blkio, "blkio_config", false);

static const SchemaKey credential_keys[] = {K("config", ST_STR), K("file", ST_STR), K("registry", ST_STR), END};
OBJ(credential, "credential_spec", true);

static const SchemaKey dep_entry_keys[] = {KE("condition", ST_STR, dep_conditions), K("restart", ST_BOOL | ST_STR),
                                           K("required", ST_BOOL | ST_STR), END};
OBJ(dep_entry, "depends_on entry", true);
static const SchemaKey dep_value = KM(NULL, ST_MAP, dep_entry);
FREE(dep_map, "depends_on", dep_value);

static const SchemaKey extends_keys[] = {K("service", ST_STR), K("file", ST_STR), END};
OBJ(extends, "extends", false);

static const SchemaKey device_keys[] = {K("source", ST_STR), K("target", ST_STR), K("permissions", ST_STR), END};
OBJ(device, "device", true);

static const SchemaKey health_keys[] = {
    {"test", ST_STR | ST_SEQ, NULL, ST_STR, NULL, NULL}, K("interval", ST_STR), K("timeout", ST_STR),
    K("start_period", ST_STR), K("start_interval", ST_STR), K("retries", ST_NUM | ST_STR),
    K("disable", ST_BOOL | ST_STR), END};
OBJ(health, "healthcheck", true);

static const SchemaKey log_option = K(NULL, ST_STR | ST_NUM);
FREE(log_options, "logging options", log_option);
static const SchemaKey logging_keys[] = {K("driver", ST_STR), KM("options", ST_MAP, log_options), END};
OBJ(logging, "logging", true);

static const SchemaKey provider_keys[] = {K("type", ST_STR), KM("options", ST_MAP, open_map), END};
OBJ(provider, "provider", true);

static const SchemaKey svc_model_keys[] = {K("endpoint_var", ST_STR), K("model_var", ST_STR), END};
OBJ(svc_model, "service model", true);
static const SchemaKey svc_model_value = KM(NULL, ST_MAP | ST_NULL, svc_model);
FREE(svc_models, "models", svc_model_value);

static const SchemaKey attach_keys[] = {
    STRS("aliases"), K("interface_name", ST_STR), K("ipv4_address", ST_STR), K("ipv6_address", ST_STR),
    STRS("link_local_ips"), K("mac_address", ST_STR), KM("driver_opts", ST_MAP, driver_opts),
    K("priority", ST_NUM), K("gw_priority", ST_NUM), END};
OBJ(attach, "network attachment", true);
static const SchemaKey attach_value = KM(NULL, ST_MAP | ST_NULL, attach);
FREE(attach_map, "networks", attach_value);

static const SchemaKey port_keys[] = {
    K("target", ST_INT | ST_STR), K("published", ST_STR | ST_INT), K("host_ip", ST_STR),
    KE("protocol", ST_STR, port_protocols), K("app_protocol", ST_STR), KE("mode", ST_STR, port_modes),
    K("name", ST_STR), END};
OBJ(port, "port", true);

static const SchemaKey bind_keys[] = {K("propagation", ST_STR), K("create_host_path", ST_BOOL | ST_STR),
                                      K("recursive", ST_STR), K("selinux", ST_STR), END};
OBJ(bind, "bind options", true);
static const SchemaKey vol_opts_keys[] = {LOD("labels"), K("nocopy", ST_BOOL | ST_STR), K("subpath", ST_STR), END};
OBJ(vol_opts, "volume options", true);
static const SchemaKey tmpfs_keys[] = {K("size", ST_INT | ST_STR), K("mode", ST_NUM | ST_STR), END};
OBJ(tmpfs, "tmpfs options", true);
static const SchemaKey image_opts_keys[] = {K("subpath", ST_STR), END};
OBJ(image_opts, "image options", true);
static const SchemaKey mount_keys[] = {
    KE("type", ST_STR, mount_types), K("source", ST_STR), K("target", ST_STR), K("read_only", ST_BOOL | ST_STR),
    K("consistency", ST_STR), KM("bind", ST_MAP, bind), KM("volume", ST_MAP, vol_opts),
    KM("tmpfs", ST_MAP, tmpfs), KM("image", ST_MAP, image_opts), END};
OBJ(mount, "volume mount", true);

static const SchemaKey watch_keys[] = {
    K("path", ST_STR), K("action", ST_STR), K("target", ST_STR), SOL("ignore"), SOL("include"),
    KM("exec", ST_MAP, hook), K("initial_sync", ST_BOOL), END};
OBJ(watch, "watch rule", true);
static const SchemaKey develop_keys[] = {KL("watch", ST_SEQ, ST_MAP, &watch), END};
OBJ(develop, "develop", true);

static const SchemaKey limits_keys[] = {K("cpus", ST_NUM | ST_STR), K("memory", ST_STR), K("pids", ST_INT | ST_STR), END};
OBJ(limits, "limits", true);
static const SchemaKey discrete_keys[] = {K("kind", ST_STR), K("value", ST_NUM | ST_STR), END};
OBJ(discrete, "discrete_resource_spec", true);
static const SchemaKey generic_keys[] = {KM("discrete_resource_spec", ST_MAP, discrete), END};
OBJ(generic, "generic resource", true);
static const SchemaKey reservations_keys[] = {
    K("cpus", ST_NUM | ST_STR), K("memory", ST_STR), KL("generic_resources", ST_SEQ, ST_MAP, &generic),
    KL("devices", ST_SEQ, ST_MAP, &device_request), END};
OBJ(reservations, "reservations", true);
static const SchemaKey resources_keys[] = {KM("limits", ST_MAP, limits), KM("reservations", ST_MAP, reservations), END};
OBJ(resources, "resources", true);
static const SchemaKey restart_policy_keys[] = {KE("condition", ST_STR, restart_conditions), K("delay", ST_STR),
                                                K("max_attempts", ST_INT | ST_STR), K("window", ST_STR), END};
OBJ(restart_policy, "restart_policy", true);
static const SchemaKey update_keys[] = {K("parallelism", ST_INT | ST_STR), K("delay", ST_STR),
                                        K("failure_action", ST_STR), K("monitor", ST_STR),
                                        K("max_failure_ratio", ST_NUM | ST_STR), K("order", ST_STR), END};
OBJ(update, "update_config", true);
static const SchemaKey spread_keys[] = {K("spread", ST_STR), END};
OBJ(spread, "placement preference", true);
static const SchemaKey placement_keys[] = {STRS("constraints"), KL("preferences", ST_SEQ, ST_MAP, &spread),
                                           K("max_replicas_per_node", ST_INT | ST_STR), END};
OBJ(placement, "placement", true);
static const SchemaKey deploy_keys[] = {
    KE("mode", ST_STR, deploy_modes), K("endpoint_mode", ST_STR), K("replicas", ST_INT | ST_STR), LOD("labels"),
    KM("resources", ST_MAP, resources), KM("restart_policy", ST_MAP, restart_policy),
    KM("update_config", ST_MAP, update), KM("rollback_config", ST_MAP, update),
    KM("placement", ST_MAP, placement), END};
OBJ(deploy, "deploy", true);

static const SchemaKey env_file_item_keys[] = {K("path", ST_STR), K("format", ST_STR), K("required", ST_BOOL | ST_STR), END};
OBJ(env_file_item, "env_file entry", false);

/* --- Service ------------------------------------------------------------- */

static const SchemaKey service_keys[] = {
    LOD("annotations"), K("attach", ST_BOOL | ST_STR), KM("blkio_config", ST_MAP, blkio),
    KM("build", ST_STR | ST_MAP, build), STRS("cap_add"), STRS("cap_drop"), K("cgroup", ST_STR),
    K("cgroup_parent", ST_STR), CMD("command"), KL("configs", ST_SEQ, ST_STR | ST_MAP, &file_ref),
    K("container_name", ST_STR), K("cpu_count", ST_STR | ST_INT), K("cpu_percent", ST_STR | ST_INT),
    K("cpu_shares", ST_NUM | ST_STR), K("cpu_period", ST_NUM | ST_STR), K("cpu_quota", ST_NUM | ST_STR),
    K("cpu_rt_period", ST_NUM | ST_STR), K("cpu_rt_runtime", ST_NUM | ST_STR), K("cpus", ST_NUM | ST_STR),
    K("cpuset", ST_STR), KM("credential_spec", ST_MAP, credential),
    KML("depends_on", ST_SEQ | ST_MAP, dep_map, ST_STR, NULL), KM("deploy", ST_MAP | ST_NULL, deploy),
    KM("develop", ST_MAP | ST_NULL, develop), STRS("device_cgroup_rules"),
    KL("devices", ST_SEQ, ST_STR | ST_MAP, &device), SOL("dns"), STRS("dns_opt"), SOL("dns_search"),
    K("domainname", ST_STR), CMD("entrypoint"),
    KL("env_file", ST_STR | ST_SEQ, ST_STR | ST_MAP, &env_file_item), LOD("environment"),
    KL("expose", ST_SEQ, ST_STR | ST_NUM, NULL), KM("extends", ST_STR | ST_MAP, extends),
    STRS("external_links"), KML("extra_hosts", ST_MAP | ST_SEQ, hosts_map, ST_STR, NULL),
    KL("gpus", ST_STR | ST_SEQ, ST_MAP, NULL), KL("group_add", ST_SEQ, ST_STR | ST_NUM, NULL),
    KM("healthcheck", ST_MAP, health), K("hostname", ST_STR), K("image", ST_STR),
    K("init", ST_BOOL | ST_STR), K("ipc", ST_STR), K("isolation", ST_STR), SOL("label_file"),
    LOD("labels"), STRS("links"), KM("logging", ST_MAP, logging), K("mac_address", ST_STR),
    K("mem_limit", ST_NUM | ST_STR), K("mem_reservation", ST_STR | ST_INT),
    K("mem_swappiness", ST_INT | ST_STR), K("memswap_limit", ST_NUM | ST_STR),
    KML("models", ST_SEQ | ST_MAP, svc_models, ST_STR, NULL), K("network_mode", ST_STR),
    KML("networks", ST_SEQ | ST_MAP, attach_map, ST_STR, NULL), K("oom_kill_disable", ST_BOOL | ST_STR),
    K("oom_score_adj", ST_STR | ST_INT), K("pid", ST_STR | ST_NULL), K("pids_limit", ST_NUM | ST_STR),
    K("platform", ST_STR), KL("ports", ST_SEQ, ST_NUM | ST_STR | ST_MAP, &port),
    KL("post_start", ST_SEQ, ST_MAP, &hook), KL("pre_start", ST_SEQ, ST_MAP, &pre_start),
    KL("pre_stop", ST_SEQ, ST_MAP, &hook), K("privileged", ST_BOOL | ST_STR), STRS("profiles"),
    KM("provider", ST_MAP, provider), KE("pull_policy", ST_STR, pull_policies), K("pull_refresh_after", ST_STR),
    K("read_only", ST_BOOL | ST_STR), KE("restart", ST_STR, restart_values), K("runtime", ST_STR),
    K("scale", ST_INT | ST_STR), KL("secrets", ST_SEQ, ST_STR | ST_MAP, &file_ref), STRS("security_opt"),
    K("shm_size", ST_NUM | ST_STR), K("stdin_open", ST_BOOL | ST_STR), K("stop_grace_period", ST_STR),
    K("stop_signal", ST_STR), KM("storage_opt", ST_MAP, open_map), LOD("sysctls"), SOL("tmpfs"),
    K("tty", ST_BOOL | ST_STR), KM("ulimits", ST_MAP, ulimits), K("use_api_socket", ST_BOOL),
    K("user", ST_STR), K("userns_mode", ST_STR), K("uts", ST_STR),
    KL("volumes", ST_SEQ, ST_STR | ST_MAP, &mount), STRS("volumes_from"), K("working_dir", ST_STR), END};
OBJ(service, "service", true);
static const SchemaKey service_value = KM(NULL, ST_MAP, service);
FREE(services, "services", service_value);

/* --- Top-level resources --------------------------------------------------- */

static const SchemaKey external_keys[] = {K("name", ST_STR), END};
OBJ(external, "external", true);
static const SchemaKey pool_keys[] = {K("subnet", ST_STR), K("ip_range", ST_STR), K("gateway", ST_STR),
                                      KM("aux_addresses", ST_MAP, str_map), END};
OBJ(pool, "ipam pool", true);
static const SchemaKey ipam_keys[] = {K("driver", ST_STR), KL("config", ST_SEQ, ST_MAP, &pool),
                                      KM("options", ST_MAP, str_map), END};
OBJ(ipam, "ipam", true);
static const SchemaKey network_keys[] = {
    K("name", ST_STR), K("driver", ST_STR), KM("driver_opts", ST_MAP, driver_opts), KM("ipam", ST_MAP, ipam),
    KM("external", ST_BOOL | ST_STR | ST_MAP, external), K("internal", ST_BOOL | ST_STR),
    K("enable_ipv4", ST_BOOL | ST_STR), K("enable_ipv6", ST_BOOL | ST_STR), K("attachable", ST_BOOL | ST_STR),
    LOD("labels"), END};
OBJ(network, "network", true);
static const SchemaKey network_value = KM(NULL, ST_MAP | ST_NULL, network);
FREE(networks, "networks", network_value);

static const SchemaKey volume_keys[] = {K("name", ST_STR), K("driver", ST_STR), KM("driver_opts", ST_MAP, driver_opts),
                                        KM("external", ST_BOOL | ST_STR | ST_MAP, external), LOD("labels"), END};
OBJ(volume, "volume", true);
static const SchemaKey volume_value = KM(NULL, ST_MAP | ST_NULL, volume);
FREE(volumes, "volumes", volume_value);

static const SchemaKey secret_keys[] = {
    K("name", ST_STR), K("file", ST_STR), K("environment", ST_STR), KM("external", ST_BOOL | ST_STR | ST_MAP, open_map),
    LOD("labels"), K("driver", ST_STR), KM("driver_opts", ST_MAP, driver_opts), K("template_driver", ST_STR), END};
OBJ(secret, "secret", true);
static const SchemaKey secret_value = KM(NULL, ST_MAP, secret);
FREE(secrets, "secrets", secret_value);

static const SchemaKey config_keys[] = {
    K("name", ST_STR), K("file", ST_STR), K("environment", ST_STR), K("content", ST_STR),
    KM("external", ST_BOOL | ST_STR | ST_MAP, open_map), LOD("labels"), K("template_driver", ST_STR), END};
OBJ(config, "config", true);
static const SchemaKey config_value = KM(NULL, ST_MAP, config);
FREE(configs, "configs", config_value);

static const SchemaKey model_keys[] = {K("model", ST_STR), K("name", ST_STR), K("context_size", ST_INT),
                                       STRS("runtime_flags"), END};
OBJ(model, "model", true);
static const SchemaKey model_value = KM(NULL, ST_MAP, model);
FREE(models, "models", model_value);

static const SchemaKey include_keys[] = {SOL("path"), SOL("env_file"), K("project_directory", ST_STR), END};
OBJ(include, "include entry", false);

static const SchemaKey schema_top_keys[] = {
    K("version", ST_STR), K("name", ST_STR), KL("include", ST_SEQ, ST_STR | ST_MAP, &include),
    KM("services", ST_MAP, services), KM("networks", ST_MAP, networks), KM("volumes", ST_MAP, volumes),
    KM("secrets", ST_MAP, secrets), KM("configs", ST_MAP, configs), KM("models", ST_MAP, models), END};
const SchemaObj schema_top = {"top level", schema_top_keys, true, NULL};
