/* The service part of the Compose key table: a service's keys and the
 * objects below them (build, deploy, healthcheck, ports, volumes …), with
 * what each key means.  compose_schema_table.c says where the types come
 * from and how disagreements between the spec and Docker Compose are
 * settled. */
#include "compose_schema_build.h"

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

/* Descriptions several objects share. */
#define LABELS_DOC "Metadata attached to the object, as `key: value` pairs or `key=value` items."
#define HOOK_USER_DOC "The user the command runs as; the service's user when left out."
#define HOOK_PRIVILEGED_DOC "Runs the command with extended privileges."
#define HOOK_DIR_DOC "The folder the command starts in."
#define HOOK_ENV_DOC "Environment variables set for this command only, on top of the service's."
#define EXTRA_HOSTS_DOC "Extra lines for the container's `/etc/hosts`: a host name and the address it resolves to."
#define ULIMITS_DOC "Per-process resource limits (`nofile`, `nproc` …), one number or a soft and a hard limit."
#define ISOLATION_DOC "The isolation technology of the container (Windows: `process` or `hyperv`)."
#define PRIVILEGED_DOC "Gives the container extended privileges, close to those of the host's root."
#define CPUS_DOC "How many CPUs the service may use, fractions allowed (`0.5`)."
#define MEMORY_DOC "An amount of memory, as bytes or with a unit (`512m`, `2g`)."
#define DELAY_DOC "How long to wait between attempts, as a duration (`5s`)."
#define DRIVER_OPTS_DOC "Options handed to the driver as they are; which ones exist depends on the driver."
#define MAC_DOC "The MAC address of the container's network interface."

/* --- Small objects ----------------------------------------------------------- */

static const SchemaKey hook_keys[] = {
    CMD("command", "The command to run inside the container, as a shell string or an exec-form list."),
    K("user", ST_STR, HOOK_USER_DOC), K("privileged", ST_BOOL | ST_STR, HOOK_PRIVILEGED_DOC),
    K("working_dir", ST_STR, HOOK_DIR_DOC), LOD("environment", HOOK_ENV_DOC), END};
OBJ(hook, "hook", true);
static const SchemaKey pre_start_keys[] = {
    CMD("command", "The command a one-off container runs before the service's containers start."),
    K("image", ST_STR, "The image of the one-off container; the service's image when left out."),
    K("user", ST_STR, HOOK_USER_DOC), K("privileged", ST_BOOL | ST_STR, HOOK_PRIVILEGED_DOC),
    K("working_dir", ST_STR, HOOK_DIR_DOC), LOD("environment", HOOK_ENV_DOC),
    K("per_replica", ST_BOOL | ST_STR, "Runs the hook once for every replica instead of once for the service."),
    END};
OBJ(pre_start, "pre_start hook", true);

static const SchemaKey device_request_keys[] = {
    STRS("capabilities", "What the devices must be able to do, such as `gpu` or `compute`; required."),
    K("count", ST_STR | ST_INT, "How many devices to reserve, or `all`."),
    STRS("device_ids", "The IDs of the devices to reserve, instead of a count."),
    K("driver", ST_STR, "The device driver to ask (`nvidia`)."),
    LOD("options", "Options specific to the driver."), END};
OBJ(device_request, "device request", true);

/* --- build ------------------------------------------------------------------ */

static const SchemaKey build_keys[] = {
    K("context", ST_STR,
      "The build context: a folder relative to the compose file, or a Git repository URL, whose files the "
      "Dockerfile can copy."),
    K("dockerfile", ST_STR, "The Dockerfile to build, relative to the context; `Dockerfile` when left out."),
    K("dockerfile_inline", ST_STR, "The Dockerfile's text written inline, instead of a file."),
    LOD("args", "Build arguments: values for the Dockerfile's `ARG` instructions."),
    LOD("ssh", "SSH agent sockets or keys the build may use (`default`, or `id=path`)."),
    LOD("labels", "Metadata added to the built image."),
    STRS("cache_from", "Where the build may take cached layers from (images or cache sources)."),
    STRS("cache_to", "Where the build exports its cache for later builds."),
    K("no_cache", ST_BOOL | ST_STR, "Builds every step again, using no cached layer."),
    SOL("no_cache_filter", "The stages to build without the cache; the others may use it."),
    LOD("additional_contexts", "More named contexts the Dockerfile can use with `COPY --from=name` or `FROM name`."),
    STRS("entitlements", "Extra privileges the build may use, such as `network.host`."),
    K("network", ST_STR, "The network that `RUN` instructions use during the build, or `none`."),
    K("provenance", ST_STR | ST_BOOL, "Adds a provenance attestation to the built image."),
    K("sbom", ST_STR | ST_BOOL, "Adds a software bill of materials attestation to the built image."),
    K("pull", ST_BOOL | ST_STR, "Pulls the base images again instead of using local copies."),
    K("target", ST_STR, "The stage of a multi-stage Dockerfile to build; the last stage when left out."),
    K("shm_size", ST_INT | ST_STR, "The size of `/dev/shm` for the build's containers, with a unit (`2g`)."),
    KML("extra_hosts", ST_MAP | ST_SEQ, schema_hosts_map, ST_STR, NULL, EXTRA_HOSTS_DOC),
    K("isolation", ST_STR, ISOLATION_DOC),
    K("privileged", ST_BOOL | ST_STR, "Runs the build with extended privileges."),
    KL("secrets", ST_SEQ, ST_STR | ST_MAP, &schema_file_ref,
       "Secrets the Dockerfile can mount with `RUN --mount=type=secret`, named from the top-level `secrets`."),
    STRS("tags", "More tags to give the built image, besides `image`."),
    KM("ulimits", ST_MAP, schema_ulimits, ULIMITS_DOC),
    STRS("platforms", "The platforms to build for (`linux/amd64`, `linux/arm64`)."), END};
OBJ(build, "build", true);

/* --- Resources and devices ------------------------------------------------- */

static const SchemaKey rate_item_keys[] = {K("path", ST_STR, "The device, as a path under `/dev`."),
                                           K("rate", ST_INT | ST_STR, "The limit, bytes or operations per second."),
                                           END};
OBJ(rate_item, "blkio device", false);
static const SchemaKey weight_item_keys[] = {
    K("path", ST_STR, "The device, as a path under `/dev`."),
    K("weight", ST_INT | ST_STR, "The relative share of the device's bandwidth, from 10 to 1000."), END};
OBJ(weight_item, "blkio weight device", false);
static const SchemaKey blkio_keys[] = {
    K("weight", ST_INT | ST_STR, "The relative share of block I/O bandwidth, from 10 to 1000."),
    KL("weight_device", ST_SEQ, ST_MAP, &weight_item, "The share of bandwidth for single devices."),
    KL("device_read_bps", ST_SEQ, ST_MAP, &rate_item, "Limits reads from a device in bytes per second."),
    KL("device_write_bps", ST_SEQ, ST_MAP, &rate_item, "Limits writes to a device in bytes per second."),
    KL("device_read_iops", ST_SEQ, ST_MAP, &rate_item, "Limits reads from a device in operations per second."),
    KL("device_write_iops", ST_SEQ, ST_MAP, &rate_item, "Limits writes to a device in operations per second."),
    END};
OBJ(blkio, "blkio_config", false);

static const SchemaKey credential_keys[] = {
    K("config", ST_STR, "A Swarm config that holds the credential spec."),
    K("file", ST_STR, "A credential spec file in the engine's `CredentialSpecs` folder."),
    K("registry", ST_STR, "A credential spec read from the Windows registry of the host."), END};
OBJ(credential, "credential_spec", true);

static const SchemaKey dep_entry_keys[] = {
    KE("condition", ST_STR, dep_conditions,
       "What the dependency must reach before this service starts: started, healthy, or exited successfully."),
    K("restart", ST_BOOL | ST_STR, "Restarts this service when Compose updates or restarts the dependency."),
    K("required", ST_BOOL | ST_STR,
      "When false, a dependency that is not running or not started only gives a warning."),
    END};
OBJ(dep_entry, "depends_on entry", true);
static const SchemaKey dep_value = KM(NULL, ST_MAP, dep_entry, NULL);
FREE(dep_map, "depends_on", dep_value);

static const SchemaKey extends_keys[] = {
    K("service", ST_STR, "The service whose configuration this one starts from; its own keys win."),
    K("file", ST_STR, "The compose file that holds that service, relative to this file; this file when left out."),
    END};
OBJ(extends, "extends", false);

static const SchemaKey device_keys[] = {K("source", ST_STR, "The device on the host."),
                                        K("target", ST_STR, "The path the device gets in the container."),
                                        K("permissions", ST_STR, "The cgroup access: any of `r`, `w`, `m`."), END};
OBJ(device, "device", true);

static const SchemaKey health_keys[] = {
    {"test", ST_STR | ST_SEQ, NULL, ST_STR, NULL, NULL,
     "The command that tells whether the container is healthy: a string run by the shell, or a list starting "
     "with `CMD`, `CMD-SHELL` or `NONE`. It replaces the image's `HEALTHCHECK`."},
    K("interval", ST_STR, "The time between two checks, as a duration (`30s`)."),
    K("timeout", ST_STR, "How long one check may run before it counts as failed."),
    K("start_period", ST_STR, "A grace time after start during which failures do not count."),
    K("start_interval", ST_STR, "The time between checks during the start period."),
    K("retries", ST_NUM | ST_STR, "How many failures in a row make the container unhealthy."),
    K("disable", ST_BOOL | ST_STR, "Turns off the health check the image defines."), END};
OBJ(health, "healthcheck", true);

static const SchemaKey log_option = K(NULL, ST_STR | ST_NUM, NULL);
FREE(log_options, "logging options", log_option);
static const SchemaKey logging_keys[] = {
    K("driver", ST_STR, "The logging driver (`json-file`, `local`, `syslog` …); the engine's default when left out."),
    KM("options", ST_MAP, log_options, "Options of the logging driver, such as `max-size`."), END};
OBJ(logging, "logging", true);

static const SchemaKey provider_keys[] = {
    K("type", ST_STR, "The provider that manages the service, a Compose plugin or a binary; required."),
    KM("options", ST_MAP, schema_open_map, "Options handed to the provider."), END};
OBJ(provider, "provider", true);

static const SchemaKey svc_model_keys[] = {
    K("endpoint_var", ST_STR, "The environment variable that receives the model's endpoint URL."),
    K("model_var", ST_STR, "The environment variable that receives the model's name."), END};
OBJ(svc_model, "service model", true);
static const SchemaKey svc_model_value = KM(NULL, ST_MAP | ST_NULL, svc_model, NULL);
FREE(svc_models, "models", svc_model_value);

static const SchemaKey attach_keys[] = {
    STRS("aliases", "Other host names the service answers to on this network."),
    K("interface_name", ST_STR, "The name of the network interface inside the container."),
    K("ipv4_address", ST_STR, "A fixed IPv4 address on this network, inside one of its subnets."),
    K("ipv6_address", ST_STR, "A fixed IPv6 address on this network, inside one of its subnets."),
    STRS("link_local_ips", "Link-local addresses of the container on this network."),
    K("mac_address", ST_STR, "The MAC address of the container's interface on this network."),
    KM("driver_opts", ST_MAP, schema_driver_opts, DRIVER_OPTS_DOC),
    K("priority", ST_NUM, "The order in which Compose connects the container to its networks, highest first."),
    K("gw_priority", ST_NUM, "Which network provides the default gateway: the one with the highest value."), END};
OBJ(attach, "network attachment", true);
static const SchemaKey attach_value = KM(NULL, ST_MAP | ST_NULL, attach, NULL);
FREE(attach_map, "networks", attach_value);

static const SchemaKey port_keys[] = {
    K("target", ST_INT | ST_STR, "The port inside the container."),
    K("published", ST_STR | ST_INT, "The port (or range) on the host; a free one is picked when left out."),
    K("host_ip", ST_STR, "The host address to listen on; every address when left out."),
    KE("protocol", ST_STR, port_protocols, "The protocol, `tcp` or `udp`; `tcp` when left out."),
    K("app_protocol", ST_STR, "A hint of the application protocol (`http`) for tools that read it."),
    KE("mode", ST_STR, port_modes, "`host` publishes the port on each node, `ingress` load-balances it (Swarm)."),
    K("name", ST_STR, "A name for the port, to document what it is for."), END};
OBJ(port, "port", true);

/* --- volumes (long form) ------------------------------------------------------ */

static const SchemaKey bind_keys[] = {
    K("propagation", ST_STR, "How mounts below the bind reach the other side (`rprivate`, `shared` …)."),
    K("create_host_path", ST_BOOL | ST_STR, "Creates the host folder when it is missing; true by default."),
    K("recursive", ST_STR, "How mounts below the source are handled: `enabled`, `disabled`, `writable`, `readonly`."),
    K("selinux", ST_STR, "Relabels the content for SELinux: `z` shared between containers, `Z` private."), END};
OBJ(bind, "bind options", true);
static const SchemaKey vol_opts_keys[] = {
    LOD("labels", LABELS_DOC),
    K("nocopy", ST_BOOL | ST_STR, "Does not copy the image's files into a new, empty volume."),
    K("subpath", ST_STR, "Mounts only this folder of the volume."), END};
OBJ(vol_opts, "volume options", true);
static const SchemaKey tmpfs_keys[] = {K("size", ST_INT | ST_STR, "The size of the tmpfs, in bytes or with a unit."),
                                       K("mode", ST_NUM | ST_STR, "The permission bits of the tmpfs, in octal."), END};
OBJ(tmpfs, "tmpfs options", true);
static const SchemaKey image_opts_keys[] = {K("subpath", ST_STR, "Mounts only this folder of the image."), END};
OBJ(image_opts, "image options", true);
static const SchemaKey mount_keys[] = {
    KE("type", ST_STR, mount_types,
       "What is mounted: a named `volume`, a host folder (`bind`), a `tmpfs`, an `image`, a named pipe (`npipe`) "
       "or a `cluster` volume."),
    K("source", ST_STR, "The volume name, host path or image to mount; a bind's path is relative to the compose file."),
    K("target", ST_STR, "The path in the container where it is mounted."),
    K("read_only", ST_BOOL | ST_STR, "Mounts it read-only."),
    K("consistency", ST_STR, "The consistency of a bind mount on macOS (`cached`, `delegated`); ignored elsewhere."),
    KM("bind", ST_MAP, bind, "Options of a bind mount."), KM("volume", ST_MAP, vol_opts, "Options of a volume mount."),
    KM("tmpfs", ST_MAP, tmpfs, "Options of a tmpfs mount."),
    KM("image", ST_MAP, image_opts, "Options of an image mount."),
    END};
OBJ(mount, "volume mount", true);

static const SchemaKey watch_keys[] = {
    K("path", ST_STR, "The folder or file to watch, relative to the compose file."),
    K("action", ST_STR,
      "What a change does: `sync` copies it into the container, `rebuild` builds and replaces it, `restart` "
      "restarts it, `sync+restart` and `sync+exec` combine them."),
    K("target", ST_STR, "Where synced files go in the container."),
    SOL("ignore", "Patterns of files whose changes are ignored, relative to `path`."),
    SOL("include", "Patterns of the only files whose changes count, relative to `path`."),
    KM("exec", ST_MAP, hook, "The command `sync+exec` runs in the container after a sync."),
    K("initial_sync", ST_BOOL, "Syncs the files once when watching starts, before any change."), END};
OBJ(watch, "watch rule", true);
static const SchemaKey develop_keys[] = {
    KL("watch", ST_SEQ, ST_MAP, &watch,
       "Rules for `docker compose watch`: which files to watch and what a change does."),
    END};
OBJ(develop, "develop", true);

/* --- deploy -------------------------------------------------------------------- */

static const SchemaKey limits_keys[] = {K("cpus", ST_NUM | ST_STR, CPUS_DOC),
                                        K("memory", ST_STR, "The most memory the container may use: " MEMORY_DOC),
                                        K("pids", ST_INT | ST_STR, "The most processes the container may run."), END};
OBJ(limits, "limits", true);
static const SchemaKey discrete_keys[] = {K("kind", ST_STR, "The kind of resource, such as `SSD` or `GPU`."),
                                          K("value", ST_NUM | ST_STR, "How many of it to reserve."), END};
OBJ(discrete, "discrete_resource_spec", true);
static const SchemaKey generic_keys[] = {
    KM("discrete_resource_spec", ST_MAP, discrete, "A countable resource of the node to reserve."), END};
OBJ(generic, "generic resource", true);
static const SchemaKey reservations_keys[] = {
    K("cpus", ST_NUM | ST_STR, "The CPUs set aside for the container, fractions allowed."),
    K("memory", ST_STR, "The memory set aside for the container: " MEMORY_DOC),
    KL("generic_resources", ST_SEQ, ST_MAP, &generic, "Other node resources to reserve (Swarm)."),
    KL("devices", ST_SEQ, ST_MAP, &device_request, "Devices such as GPUs that the container needs."), END};
OBJ(reservations, "reservations", true);
static const SchemaKey resources_keys[] = {
    KM("limits", ST_MAP, limits, "The most the container may use."),
    KM("reservations", ST_MAP, reservations, "What the platform must set aside for the container."), END};
OBJ(resources, "resources", true);
static const SchemaKey restart_policy_keys[] = {
    KE("condition", ST_STR, restart_conditions, "When to restart: `none`, `on-failure` or `any`."),
    K("delay", ST_STR, DELAY_DOC), K("max_attempts", ST_INT | ST_STR, "How many restarts to try before giving up."),
    K("window", ST_STR, "How long to wait before deciding whether a restart succeeded."), END};
OBJ(restart_policy, "restart_policy", true);
static const SchemaKey update_keys[] = {
    K("parallelism", ST_INT | ST_STR, "How many containers change at a time."),
    K("delay", ST_STR, "How long to wait between two groups of containers."),
    K("failure_action", ST_STR, "What to do when a change fails: `continue`, `rollback` or `pause`."),
    K("monitor", ST_STR, "How long to watch each changed container for a failure."),
    K("max_failure_ratio", ST_NUM | ST_STR, "The share of failures tolerated during the change."),
    K("order", ST_STR, "`stop-first` stops the old container before starting the new one, `start-first` the reverse."),
    END};
OBJ(update, "update_config", true);
static const SchemaKey spread_keys[] = {
    K("spread", ST_STR, "A node label whose values the replicas are spread evenly over."), END};
OBJ(spread, "placement preference", true);
static const SchemaKey placement_keys[] = {
    STRS("constraints", "Conditions a node must meet to run the service (`node.role==manager`)."),
    KL("preferences", ST_SEQ, ST_MAP, &spread, "How replicas are spread over the nodes that qualify."),
    K("max_replicas_per_node", ST_INT | ST_STR, "The most replicas one node may run."), END};
OBJ(placement, "placement", true);
static const SchemaKey deploy_keys[] = {
    KE("mode", ST_STR, deploy_modes,
       "`replicated` runs a set number of containers, `global` one per node; the `-job` forms run to completion."),
    K("endpoint_mode", ST_STR, "How clients reach the service: a virtual IP (`vip`) or round-robin DNS (`dnsrr`)."),
    K("replicas", ST_INT | ST_STR, "How many containers to run in `replicated` mode."),
    LOD("labels", "Metadata on the service itself rather than on its containers."),
    KM("resources", ST_MAP, resources, "CPU, memory and device limits and reservations of each container."),
    KM("restart_policy", ST_MAP, restart_policy, "Whether and how containers are restarted when they exit."),
    KM("update_config", ST_MAP, update, "How the service's containers are replaced on an update."),
    KM("rollback_config", ST_MAP, update, "How the service's containers are put back when an update fails."),
    KM("placement", ST_MAP, placement, "Which nodes may run the service (Swarm)."), END};
OBJ(deploy, "deploy", true);

static const SchemaKey env_file_item_keys[] = {
    K("path", ST_STR, "The file of variables, relative to the compose file."),
    K("format", ST_STR, "The file's format; Compose's own `KEY=VALUE` format when left out, or `raw`."),
    K("required", ST_BOOL | ST_STR, "When false, a missing file is skipped instead of being an error."), END};
OBJ(env_file_item, "env_file entry", false);

/* --- Service ------------------------------------------------------------- */

static const SchemaKey service_keys[] = {
    LOD("annotations", "Annotations set on the container, as labels are."),
    K("attach", ST_BOOL | ST_STR, "When false, `docker compose up` does not show the service's logs."),
    KM("blkio_config", ST_MAP, blkio, "Limits and weights of the container's block device I/O."),
    KM("build", ST_STR | ST_MAP, build,
       "How to build the service's image: a context folder, or a mapping with the context, Dockerfile, arguments "
       "and target."),
    STRS("cap_add", "Linux capabilities added to the container's default set (`NET_ADMIN`)."),
    STRS("cap_drop", "Linux capabilities removed from the container (`ALL` removes every one)."),
    K("cgroup", ST_STR, "The cgroup namespace: `host` shares the host's, `private` gives the container its own."),
    K("cgroup_parent", ST_STR, "The parent cgroup of the container."),
    CMD("command", "The command the container runs, overriding the image's `CMD`."),
    KL("configs", ST_SEQ, ST_STR | ST_MAP, &schema_file_ref,
       "Configs from the top-level `configs` mounted in the container, by name or with a target and permissions."),
    K("container_name", ST_STR,
      "A fixed name for the container instead of the generated one; the service then cannot be scaled."),
    K("cpu_count", ST_STR | ST_INT, "How many CPUs the container may use (Windows)."),
    K("cpu_percent", ST_STR | ST_INT, "The share of the CPUs the container may use, in percent (Windows)."),
    K("cpu_shares", ST_NUM | ST_STR, "The container's CPU weight relative to other containers (1024 is the default)."),
    K("cpu_period", ST_NUM | ST_STR, "The CFS scheduler period in microseconds, used with `cpu_quota`."),
    K("cpu_quota", ST_NUM | ST_STR, "The CPU time the container may use per `cpu_period`, in microseconds."),
    K("cpu_rt_period", ST_NUM | ST_STR, "The real-time scheduler period in microseconds."),
    K("cpu_rt_runtime", ST_NUM | ST_STR, "The real-time CPU time the container may use per period, in microseconds."),
    K("cpus", ST_NUM | ST_STR, CPUS_DOC), K("cpuset", ST_STR, "The CPUs the container may run on (`0-3`, `0,1`)."),
    KM("credential_spec", ST_MAP, credential, "The credential spec of a managed service account (Windows)."),
    KML("depends_on", ST_SEQ | ST_MAP, dep_map, ST_STR, NULL,
        "Services to start before this one, and what each must reach first (started, healthy, completed)."),
    KM("deploy", ST_MAP | ST_NULL, deploy,
       "How the service runs on a platform: replicas, resources, restart and update policies."),
    KM("develop", ST_MAP | ST_NULL, develop, "Development settings: the files `docker compose watch` keeps in sync."),
    STRS("device_cgroup_rules", "Device cgroup rules (`c 1:3 mr`) that let the container create or use devices."),
    KL("devices", ST_SEQ, ST_STR | ST_MAP, &device,
       "Host devices made available in the container (`/dev/ttyUSB0:/dev/ttyUSB0`)."),
    SOL("dns", "DNS servers the container uses instead of the defaults."),
    STRS("dns_opt", "Options written to the container's `resolv.conf`."),
    SOL("dns_search", "Search domains for host names that are not fully qualified."),
    K("domainname", ST_STR, "The container's domain name."),
    CMD("entrypoint",
        "The program the container starts, overriding the image's `ENTRYPOINT` (and dropping its `CMD`)."),
    KL("env_file", ST_STR | ST_SEQ, ST_STR | ST_MAP, &env_file_item,
       "Files of `KEY=VALUE` lines added to the container's environment, relative to the compose file."),
    LOD("environment", "Environment variables of the container; they win over those of `env_file`."),
    KL("expose", ST_SEQ, ST_STR | ST_NUM, NULL,
       "Ports the container listens on, for other services and tools; they are not published on the host."),
    KM("extends", ST_STR | ST_MAP, extends,
       "Another service (in this file or another one) whose configuration this service starts from."),
    STRS("external_links", "Containers started outside this project that the service reaches by name (legacy)."),
    KML("extra_hosts", ST_MAP | ST_SEQ, schema_hosts_map, ST_STR, NULL, EXTRA_HOSTS_DOC),
    KL("gpus", ST_STR | ST_SEQ, ST_MAP, NULL, "GPUs made available to the container: `all`, or device requests."),
    KL("group_add", ST_SEQ, ST_STR | ST_NUM, NULL, "More groups, by name or number, for the container's user."),
    KM("healthcheck", ST_MAP, health,
       "How to tell whether the container is healthy; it replaces the image's `HEALTHCHECK`."),
    K("hostname", ST_STR, "The container's host name."),
    K("image", ST_STR,
      "The image to run, pulled when missing; with `build`, the name the built image gets."),
    K("init", ST_BOOL | ST_STR, "Runs a small init process as PID 1 that forwards signals and reaps zombies."),
    K("ipc", ST_STR, "The IPC namespace: `shareable`, `host`, or `service:name` to share another's."),
    K("isolation", ST_STR, ISOLATION_DOC),
    SOL("label_file", "Files of `KEY=VALUE` lines added to the container's labels."),
    LOD("labels", "Metadata attached to the container."),
    STRS("links", "Other services reachable under an alias (`db:database`); legacy, networks do this already."),
    KM("logging", ST_MAP, logging, "The logging driver of the container and its options."),
    K("mac_address", ST_STR, MAC_DOC),
    K("mem_limit", ST_NUM | ST_STR, "The most memory the container may use: " MEMORY_DOC),
    K("mem_reservation", ST_STR | ST_INT, "The memory the container is guaranteed, a soft limit: " MEMORY_DOC),
    K("mem_swappiness", ST_INT | ST_STR, "How willing the kernel is to swap the container's memory, from 0 to 100."),
    K("memswap_limit", ST_NUM | ST_STR, "The most memory plus swap the container may use; `-1` for unlimited swap."),
    KML("models", ST_SEQ | ST_MAP, svc_models, ST_STR, NULL,
        "Models from the top-level `models` the service uses, with the variables that receive their endpoints."),
    K("network_mode", ST_STR,
      "The network stack: `none`, `host`, or another service's (`service:name`) or container's; then `networks` "
      "cannot be set."),
    KML("networks", ST_SEQ | ST_MAP, attach_map, ST_STR, NULL,
        "The networks the service joins, from the top-level `networks`; the project's `default` when left out."),
    K("oom_kill_disable", ST_BOOL | ST_STR, "Keeps the kernel's out-of-memory killer away from the container."),
    K("oom_score_adj", ST_STR | ST_INT,
      "How likely the kernel kills the container when memory runs out, -1000 to 1000."),
    K("pid", ST_STR | ST_NULL, "The PID namespace: `host` shares the host's processes, `service:name` another's."),
    K("pids_limit", ST_NUM | ST_STR, "The most processes the container may run; `-1` for no limit."),
    K("platform", ST_STR, "The platform the image is pulled or built for (`linux/amd64`)."),
    KL("ports", ST_SEQ, ST_NUM | ST_STR | ST_MAP, &port,
       "Container ports published on the host (`8080:80`); without a host port, a free one is picked."),
    KL("post_start", ST_SEQ, ST_MAP, &hook, "Commands run in the container right after it starts."),
    KL("pre_start", ST_SEQ, ST_MAP, &pre_start, "Commands run in one-off containers before the service starts."),
    KL("pre_stop", ST_SEQ, ST_MAP, &hook, "Commands run in the container before it is stopped."),
    K("privileged", ST_BOOL | ST_STR, PRIVILEGED_DOC),
    STRS("profiles", "The profiles the service belongs to; it starts only when one of them is enabled."),
    KM("provider", ST_MAP, provider, "A platform component managed by a provider instead of a container."),
    KE("pull_policy", ST_STR, pull_policies,
       "When to pull the image: `always`, `never`, `missing`, `build` (build it instead), or `daily`/`weekly`."),
    K("pull_refresh_after", ST_STR, "How long a pulled image stays fresh before it is pulled again."),
    K("read_only", ST_BOOL | ST_STR, "Mounts the container's root file system read-only."),
    KE("restart", ST_STR, restart_values,
       "When the engine restarts the container: `no`, `always`, `on-failure[:max]` or `unless-stopped`."),
    K("runtime", ST_STR, "The OCI runtime that runs the container (`runc`, `runsc`)."),
    K("scale", ST_INT | ST_STR, "How many containers of the service to run."),
    KL("secrets", ST_SEQ, ST_STR | ST_MAP, &schema_file_ref,
       "Secrets from the top-level `secrets` mounted in the container, under `/run/secrets/` by default."),
    STRS("security_opt", "Security options such as a seccomp or AppArmor profile, or `no-new-privileges`."),
    K("shm_size", ST_NUM | ST_STR, "The size of the container's `/dev/shm`, in bytes or with a unit."),
    K("stdin_open", ST_BOOL | ST_STR, "Keeps the container's standard input open, like `docker run -i`."),
    K("stop_grace_period", ST_STR,
      "How long to wait after the stop signal before the container is killed, as a duration; 10 seconds when left "
      "out."),
    K("stop_signal", ST_STR, "The signal that asks the container to stop, overriding the image's `STOPSIGNAL`."),
    KM("storage_opt", ST_MAP, schema_open_map, "Options of the storage driver for the container (`size`)."),
    LOD("sysctls", "Kernel parameters set in the container (`net.core.somaxconn`)."),
    SOL("tmpfs", "Paths in the container where an in-memory tmpfs is mounted."),
    K("tty", ST_BOOL | ST_STR, "Gives the container a terminal, like `docker run -t`."),
    KM("ulimits", ST_MAP, schema_ulimits, ULIMITS_DOC),
    K("use_api_socket", ST_BOOL,
      "Gives the container access to the Docker engine's API socket and the user's registry credentials."),
    K("user", ST_STR, "The user (and group) the container's process runs as, by name or number (`1000:1000`)."),
    K("userns_mode", ST_STR, "The user namespace; `host` turns user namespace remapping off for the container."),
    K("uts", ST_STR, "The UTS namespace; `host` shares the host's host name."),
    KL("volumes", ST_SEQ, ST_STR | ST_MAP, &mount,
       "Mounts: named volumes or host paths (`./data:/data`), relative to the compose file."),
    STRS("volumes_from", "Services or containers whose volumes this one mounts too (`service:name:ro`)."),
    K("working_dir", ST_STR, "The folder the container's command starts in, overriding the image's `WORKDIR`."),
    END};
OBJ(service, "service", true);
static const SchemaKey service_value = KM(NULL, ST_MAP, service, NULL);
const SchemaObj schema_services = {"services", NULL, false, &service_value};
