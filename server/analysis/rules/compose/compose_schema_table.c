/* The Compose Specification's objects, keys, value types and the meaning
 * of each key, as a table of our own built from the specification's
 * reference; this file holds the top level and the shapes several objects
 * share, compose_schema_service.c the services.
 * Where the spec's schema, its text and Docker Compose (compose-go)
 * disagree, the union is accepted: `pre_start`, `build.no_cache_filter`
 * and the other compose-go additions are here, and so is the string form
 * of `extends`.  `x-` keys are allowed exactly where the spec allows them
 * (x_ok); the user-named maps (services, volumes, …) take any name.
 *
 * Types are deliberately the schema's: `user: 1000` (an integer where
 * only a string is allowed) is an error in Compose, and so is
 * `interval: 30`.  Nulls are never reported (a rule that cannot decide
 * stays silent), and neither are values that contain `${…}`.
 *
 * The descriptions are shown by hover and by completion; they say what a
 * key does in a sentence or two, in our own words, and leave the details
 * to the specification. */
#include "compose_schema_build.h"

/* --- Shared shapes ------------------------------------------------------- */

static const SchemaKey lod_value = K(NULL, ST_SCALAR | ST_NULL, NULL);
const SchemaObj schema_lod = {"list-or-dict", NULL, false, &lod_value};
static const SchemaKey any_value = K(NULL, ST_ANY, NULL);
const SchemaObj schema_open_map = {"map", NULL, false, &any_value};
static const SchemaKey strnum_value = K(NULL, ST_STR | ST_NUM, NULL);
const SchemaObj schema_driver_opts = {"driver_opts", NULL, false, &strnum_value};
static const SchemaKey str_value = K(NULL, ST_STR, NULL);
FREE(str_map, "map", str_value);
static const SchemaKey hosts_value = {NULL, ST_STR | ST_SEQ, NULL, ST_STR, NULL, NULL, NULL};
const SchemaObj schema_hosts_map = {"extra_hosts", NULL, false, &hosts_value};

static const SchemaKey ulimit_obj_keys[] = {
    K("soft", ST_INT | ST_STR, "The limit the process starts with; it may raise it up to the hard limit."),
    K("hard", ST_INT | ST_STR, "The ceiling above which the process cannot raise its soft limit."), END};
OBJ(ulimit_obj, "ulimit", true);
static const SchemaKey ulimit_value = KM(NULL, ST_INT | ST_STR | ST_MAP, ulimit_obj, NULL);
const SchemaObj schema_ulimits = {"ulimits", NULL, false, &ulimit_value};

static const SchemaKey file_ref_keys[] = {
    K("source", ST_STR, "The name of the secret or config as declared at the top level of the file."),
    K("target", ST_STR,
      "Where the file appears in the container; a bare name lands under `/run/secrets/` for a secret, "
      "and the source name is used when this is left out."),
    K("uid", ST_STR, "The numeric user ID that owns the file in the container."),
    K("gid", ST_STR, "The numeric group ID that owns the file in the container."),
    K("mode", ST_NUM | ST_STR, "The file's permission bits, usually written in octal (`0440`)."), END};
const SchemaObj schema_file_ref = {"secret or config reference", file_ref_keys, true, NULL};

/* --- Top-level resources --------------------------------------------------- */

#define EXTERNAL_DOC                                                                                     \
  "When true, the resource already exists outside this project: Compose looks it up instead of creating " \
  "it, and the other keys except `name` do not apply."
#define LABELS_DOC "Metadata attached to the object, as `key: value` pairs or `key=value` items."
#define DRIVER_OPTS_DOC "Options handed to the driver as they are; which ones exist depends on the driver."

static const SchemaKey external_keys[] = {
    K("name", ST_STR, "The name the existing resource has on the engine (the old way of writing `name`)."), END};
OBJ(external, "external", true);
static const SchemaKey pool_keys[] = {
    K("subnet", ST_STR, "The network's address range in CIDR notation (`172.28.0.0/16`)."),
    K("ip_range", ST_STR, "The part of the subnet containers get their addresses from, in CIDR notation."),
    K("gateway", ST_STR, "The gateway address of the subnet."),
    KM("aux_addresses", ST_MAP, str_map,
       "Addresses the network driver must not hand to containers, each under a host name."),
    END};
OBJ(pool, "ipam pool", true);
static const SchemaKey ipam_keys[] = {
    K("driver", ST_STR, "The IP address management driver; the engine's default when left out."),
    KL("config", ST_SEQ, ST_MAP, &pool, "Address pools: the subnets, ranges and gateways of the network."),
    KM("options", ST_MAP, str_map, "Options for the IPAM driver, as strings."), END};
OBJ(ipam, "ipam", true);
static const SchemaKey network_keys[] = {
    K("name", ST_STR, "The name the network gets on the engine, instead of one prefixed with the project name."),
    K("driver", ST_STR, "The network driver: `bridge` on a single host, `overlay` for a Swarm, or a plugin."),
    KM("driver_opts", ST_MAP, schema_driver_opts, DRIVER_OPTS_DOC),
    KM("ipam", ST_MAP, ipam, "Custom IP address management: the driver and the address pools."),
    KM("external", ST_BOOL | ST_STR | ST_MAP, external, EXTERNAL_DOC),
    K("internal", ST_BOOL | ST_STR, "Creates a network that is cut off from the outside world."),
    K("enable_ipv4", ST_BOOL | ST_STR, "Turns IPv4 addressing on or off for the network."),
    K("enable_ipv6", ST_BOOL | ST_STR, "Turns IPv6 addressing on for the network."),
    K("attachable", ST_BOOL | ST_STR,
      "Lets standalone containers outside the project join an overlay network."),
    LOD("labels", LABELS_DOC), END};
OBJ(network, "network", true);
static const SchemaKey network_value = KM(NULL, ST_MAP | ST_NULL, network, NULL);
FREE(networks, "networks", network_value);

static const SchemaKey volume_keys[] = {
    K("name", ST_STR, "The name the volume gets on the engine, instead of one prefixed with the project name."),
    K("driver", ST_STR, "The volume driver; `local` when left out."),
    KM("driver_opts", ST_MAP, schema_driver_opts, DRIVER_OPTS_DOC),
    KM("external", ST_BOOL | ST_STR | ST_MAP, external, EXTERNAL_DOC), LOD("labels", LABELS_DOC), END};
OBJ(volume, "volume", true);
static const SchemaKey volume_value = KM(NULL, ST_MAP | ST_NULL, volume, NULL);
FREE(volumes, "volumes", volume_value);

#define SECRET_FILE_DOC "Creates it from the content of this file, a path relative to the compose file."
#define SECRET_ENV_DOC "Creates it from the value of this environment variable on the host running Compose."
#define TEMPLATE_DRIVER_DOC "The driver that renders the content as a template (Swarm), such as `golang`."
static const SchemaKey secret_keys[] = {
    K("name", ST_STR, "The name the secret has on the platform, instead of one prefixed with the project name."),
    K("file", ST_STR, SECRET_FILE_DOC), K("environment", ST_STR, SECRET_ENV_DOC),
    KM("external", ST_BOOL | ST_STR | ST_MAP, schema_open_map, EXTERNAL_DOC), LOD("labels", LABELS_DOC),
    K("driver", ST_STR, "The secret store driver (Swarm); Docker Compose alone does not support it."),
    KM("driver_opts", ST_MAP, schema_driver_opts, DRIVER_OPTS_DOC),
    K("template_driver", ST_STR, TEMPLATE_DRIVER_DOC), END};
OBJ(secret, "secret", true);
static const SchemaKey secret_value = KM(NULL, ST_MAP, secret, NULL);
FREE(secrets, "secrets", secret_value);

static const SchemaKey config_keys[] = {
    K("name", ST_STR, "The name the config has on the platform, instead of one prefixed with the project name."),
    K("file", ST_STR, SECRET_FILE_DOC), K("environment", ST_STR, SECRET_ENV_DOC),
    K("content", ST_STR, "The config's content written inline; `${…}` in it is interpolated."),
    KM("external", ST_BOOL | ST_STR | ST_MAP, schema_open_map, EXTERNAL_DOC), LOD("labels", LABELS_DOC),
    K("template_driver", ST_STR, TEMPLATE_DRIVER_DOC), END};
OBJ(config, "config", true);
static const SchemaKey config_value = KM(NULL, ST_MAP, config, NULL);
FREE(configs, "configs", config_value);

static const SchemaKey model_keys[] = {
    K("model", ST_STR, "The AI model to run, as an OCI artifact reference (`ai/smollm2`)."),
    K("name", ST_STR, "The name the model gets on the platform."),
    K("context_size", ST_INT, "How many tokens the model's context holds."),
    STRS("runtime_flags", "Extra command-line flags for the inference engine that runs the model."), END};
OBJ(model, "model", true);
static const SchemaKey model_value = KM(NULL, ST_MAP, model, NULL);
FREE(models, "models", model_value);

static const SchemaKey include_keys[] = {
    SOL("path", "The compose file (or files, merged in order) to include, relative to this file."),
    SOL("env_file", "Files of variables used to interpolate the included file, instead of its own `.env`."),
    K("project_directory", ST_STR,
      "The folder the included file's relative paths are resolved against; its own folder when left out."),
    END};
OBJ(include, "include entry", false);

static const SchemaKey schema_top_keys[] = {
    K("version", ST_STR, "Obsolete: Compose ignores it and warns; the file is read with the current specification."),
    K("name", ST_STR, "The project name, which prefixes the names of containers, networks and volumes."),
    KL("include", ST_SEQ, ST_STR | ST_MAP, &include,
       "Other compose files whose services and resources become part of this project, each resolved in its own "
       "folder."),
    KM("services", ST_MAP, schema_services, "The containers of the application, one entry per service name."),
    KM("networks", ST_MAP, networks, "The networks services can join, created by Compose unless external."),
    KM("volumes", ST_MAP, volumes, "Named volumes services can mount, created by Compose unless external."),
    KM("secrets", ST_MAP, secrets, "Sensitive data services can be granted, mounted as files in their containers."),
    KM("configs", ST_MAP, configs, "Configuration files services can be granted, mounted in their containers."),
    KM("models", ST_MAP, models, "AI models the platform runs and hands to the services that use them."), END};
const SchemaObj schema_top = {"top level", schema_top_keys, true, NULL};
