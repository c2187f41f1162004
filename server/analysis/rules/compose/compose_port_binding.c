/* compose-port-all-interfaces: a published port with no host IP.  Docker
 * then binds it on every interface of the host (0.0.0.0 and ::), so a
 * database meant for the app next to it is reachable from the network,
 * and Docker's own iptables rules put it ahead of a host firewall such as
 * ufw.  A host IP written out, even 0.0.0.0, is a choice and is not
 * flagged; nor is one given by a variable (`$HOST:$PORT:1025`) or any
 * item we cannot read (compose_port_parse refuses interpolated items), a
 * container-only port (`"3000"`), or `expose:`, which publishes nothing.
 * Both fixes bind to 127.0.0.1 and are never preferred: they change who
 * can connect, which only the user can decide. */
#include "compose_rules.h"

static void loopback_fix(RuleCtx *ctx, Diag *d, const ComposeNode *item) {
  if (item->kind == COMPOSE_NODE_MAP) {
    const char *line = "host_ip: 127.0.0.1";
    Fix *fix = rules__add_fix(ctx, d, "Bind to 127.0.0.1 only (`host_ip`)", false);
    if (!compose__insert_keys(ctx, fix, item, &line, 1)) diag_remove_fix(d, d->fixes.len - 1);
    return;
  }
  /* Short syntax: the prefix goes before the first character of the
   * value, inside the quotes if any; a scalar whose text is not a copy of
   * its source (escapes) has no place we can trust, so it gets no fix. */
  size_t at;
  if (!compose_text_offset(item, 0, &at)) return;
  Fix *fix = rules__add_fix(ctx, d, "Bind to 127.0.0.1 only", false);
  fix_add_edit(fix, ctx->file, at, at, "127.0.0.1:");
}

static void binding_item(RuleCtx *ctx, const ComposeNode *item) {
  ComposePort port;
  if (!compose_port_parse(item, &port) || !port.published_lo || port.host_ip[0]) return;
  if (compose__reported(ctx, RULE_COMPOSE_PORT_ALL_INTERFACES, item->start, item->end)) return;
  Diag *d = diag_add(ctx->out, RULE_COMPOSE_PORT_ALL_INTERFACES, ctx->file, item->start, item->end,
                     port.published_lo == port.published_hi
                         ? "host port %u is published on every interface: give a host IP "
                           "(127.0.0.1 to keep it local)"
                         : "host ports from %u are published on every interface: give a host IP "
                           "(127.0.0.1 to keep them local)",
                     port.published_lo);
  loopback_fix(ctx, d, item);
}

void compose__port_all_interfaces(RuleCtx *ctx) { compose__service_ports(ctx, binding_item); }
