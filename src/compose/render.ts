/**
 * The model printed as `docker compose config` prints it: struct fields in compose-go's field
 * order, maps sorted by key, YAML with sequences indented under their key and strings quoted
 * only when they would read as something else, or JSON (top-level keys sorted, `command` and
 * `entrypoint` null when unset, extensions kept only at the top level). Every `$` is written
 * `$$`, so the output reads back as the same model.
 */
import { Document, Scalar as YamlScalar } from 'yaml';
import { isMap, type Value, type ValueMap } from '../core/provenance.js';

const F = (s: string): string[] => s.split(' ');

const SERVICE = F(
  'profiles annotations attach build develop blkio_config cap_add cap_drop cgroup_parent cgroup cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpus cpuset cpu_shares command configs container_name credential_spec depends_on deploy device_cgroup_rules devices dns dns_opt dns_search dockerfile domainname entrypoint provider environment env_file expose extends external_links extra_hosts group_add gpus hostname healthcheck image init ipc isolation labels label_file links logging log_driver log_opt mem_limit mem_reservation memswap_limit mem_swappiness mac_address models net network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports privileged pull_policy read_only restart runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs tty ulimits use_api_socket user userns_mode uts volume_driver volumes volumes_from working_dir pre_start post_start pre_stop',
);

/** Field order of each struct, by path pattern (`*` any key, `[]` any list item). */
const STRUCTS: [string, string[]][] = [
  ['services.*', SERVICE],
  ['services.*.build', F('context dockerfile dockerfile_inline entitlements args provenance sbom ssh labels cache_from cache_to no_cache no_cache_filter additional_contexts pull extra_hosts isolation network target secrets shm_size tags ulimits platforms privileged')],
  ['services.*.blkio_config', F('weight weight_device device_read_bps device_read_iops device_write_bps device_write_iops')],
  ['services.*.devices.[]', F('source target permissions')],
  ['services.*.logging', F('driver options')],
  ['services.*.deploy', F('mode replicas labels update_config rollback_config resources restart_policy placement endpoint_mode')],
  ['services.*.deploy.update_config', F('parallelism delay failure_action monitor max_failure_ratio order')],
  ['services.*.deploy.rollback_config', F('parallelism delay failure_action monitor max_failure_ratio order')],
  ['services.*.deploy.resources', F('limits reservations')],
  ['services.*.deploy.resources.limits', F('cpus memory pids devices generic_resources')],
  ['services.*.deploy.resources.reservations', F('cpus memory pids devices generic_resources')],
  ['services.*.deploy.restart_policy', F('condition delay max_attempts window')],
  ['services.*.deploy.placement', F('constraints preferences max_replicas_per_node')],
  ['services.*.networks.*', F('aliases driver_opts gw_priority interface_name ipv4_address ipv6_address link_local_ips mac_address priority')],
  ['services.*.ports.[]', F('name mode host_ip target published protocol app_protocol')],
  ['services.*.volumes.[]', F('type source target read_only consistency bind volume tmpfs image')],
  ['services.*.volumes.[].bind', F('selinux propagation create_host_path recursive')],
  ['services.*.volumes.[].volume', F('labels nocopy subpath')],
  ['services.*.volumes.[].tmpfs', F('size mode')],
  ['services.*.secrets.[]', F('source target uid gid mode')],
  ['services.*.configs.[]', F('source target uid gid mode')],
  ['services.*.depends_on.*', F('condition restart required')],
  ['services.*.healthcheck', F('test timeout interval retries start_period start_interval disable')],
  ['services.*.ulimits.*', F('soft hard')],
  ['services.*.env_file.[]', F('path required format')],
  ['services.*.extends', F('file service')],
  ['networks.*', F('name driver driver_opts ipam external internal attachable labels enable_ipv4 enable_ipv6')],
  ['networks.*.ipam', F('driver config options')],
  ['networks.*.ipam.config.[]', F('subnet gateway ip_range aux_addresses')],
  ['volumes.*', F('name driver driver_opts external labels')],
  ['secrets.*', F('name file environment content external labels driver driver_opts template_driver')],
  ['configs.*', F('name file environment content external labels driver driver_opts template_driver')],
];

const TOP = F('name services networks volumes secrets configs models');

/** Plain (non-pointer) booleans compose-go marshals with omitempty: `false` is not printed. */
const OMIT_FALSE: [string, string[]][] = [
  ['services.*', F('privileged read_only stdin_open tty oom_kill_disable use_api_socket')],
  ['services.*.healthcheck', ['disable']],
  ['services.*.volumes.[]', ['read_only']],
  ['services.*.volumes.[].volume', ['nocopy']],
  ['services.*.depends_on.*', ['restart']],
  ['networks.*', F('external internal attachable')],
  ['volumes.*', ['external']],
  ['secrets.*', ['external']],
  ['configs.*', ['external']],
];

function matches(pattern: string, path: string[]): boolean {
  const parts = pattern.split('.');
  return parts.length === path.length && parts.every((p, i) => p === '*' || p === path[i]);
}

function orderOf(path: string[]): string[] | undefined {
  return STRUCTS.find(([p]) => matches(p, path))?.[1];
}

/** A plain copy of the model with keys in docker compose's order. */
function arrange(value: Value, path: string[], json: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => arrange(v, [...path, '[]'], json));
  if (!isMap(value)) {
    // go-yaml quotes strings that YAML 1.1 reads as booleans, so older readers keep them strings.
    if (!json && typeof value === 'string' && OLD_BOOL.test(value)) {
      const quoted = new YamlScalar(value);
      quoted.type = 'QUOTE_DOUBLE';
      return quoted;
    }
    return typeof value === 'bigint' ? Number(value) : value;
  }
  const keys = Object.keys(value);
  let order: string[];
  const struct = path.length === 0 ? TOP : orderOf(path);
  if (path.length === 0 && json) order = [...keys].sort();
  else if (struct) {
    const known = struct.filter((k) => keys.includes(k));
    order = [...known, ...keys.filter((k) => !struct.includes(k)).sort()];
  } else order = [...keys].sort();
  const out: Record<string, unknown> = {};
  const isStruct = path.length > 0 && struct !== undefined;
  if (json && path.length === 2 && path[0] === 'services') {
    for (const k of ['command', 'entrypoint']) if (!(k in value)) out[k] = null;
  }
  const omitFalse = OMIT_FALSE.find(([p]) => matches(p, path))?.[1] ?? [];
  for (const k of order) {
    // docker compose's JSON keeps extensions only at the top level.
    if (json && isStruct && k.startsWith('x-')) continue;
    if (value[k] === false && omitFalse.includes(k)) continue;
    out[k] = arrange(value[k]!, [...path, k], json);
  }
  if (json && path.length === 2 && path[0] === 'services') {
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(out).sort((a, b) => SERVICE.indexOf(a) - SERVICE.indexOf(b))) sorted[k] = out[k];
    return sorted;
  }
  return out;
}

const OLD_BOOL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

export function renderComposeYaml(model: ValueMap): string {
  const doc = new Document(arrange(model, [], false), { version: '1.2', aliasDuplicateObjects: false });
  const text = doc.toString({ indentSeq: true, lineWidth: 0, minContentWidth: 0, blockQuote: 'literal', defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN', doubleQuotedAsJSON: true, nullStr: 'null' });
  return text.replace(/\$/g, '$$$$');
}

export function renderComposeJson(model: ValueMap): string {
  const text = JSON.stringify(arrange(model, [], true), null, 2).replace(/[<>&]/g, (c) => `\\u00${c.charCodeAt(0).toString(16)}`);
  return `${text.replace(/\$/g, '$$$$')}\n`;
}
