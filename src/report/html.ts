/**
 * A self-contained HTML report: one file, no external resources, readable offline and safe to
 * attach to a CI run. Filters (severity, concern, free text) run in the page; everything shown
 * is escaped text from the findings.
 */
import type { CheckRun } from '../engine/engine.js';
import type { Finding, RuleMeta, Severity } from '../engine/types.js';
import { ruleDocUrl } from './rule-docs.js';

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function objectLabel(f: Finding): string {
  const o = f.object;
  return o.kind ? `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` : 'configuration';
}

const severityOrder: Severity[] = ['error', 'warning', 'info'];

function findingRow(f: Finding, meta: Map<string, RuleMeta>): string {
  const loc = f.location ? `${f.location.file}:${f.location.line}` : '';
  const m = meta.get(f.rule);
  const title = m ? m.title : f.rule;
  const waived = f.waived
    ? `<div class="waiver">waived until ${esc(f.waived.expires)}${f.waived.owner ? ` by ${esc(f.waived.owner)}` : ''}: ${esc(f.waived.reason)}</div>`
    : '';
  const pss = f.pss ? ` <span class="tag">PSS ${esc(f.pss.level)}: ${esc(f.pss.control)}</span>` : '';
  return `<tr class="finding" data-severity="${f.severity}" data-concern="${esc(f.concern)}" data-waived="${f.waived ? 'yes' : 'no'}">
<td><span class="sev sev-${f.severity}">${f.severity}</span></td>
<td><a href="${esc(ruleDocUrl(f.rule))}" title="${esc(title)}"><code>${esc(f.rule)}</code></a><div class="concern">${esc(f.concern)}</div></td>
<td>${esc(objectLabel(f))}<div class="path"><code>${esc(f.path)}</code></div></td>
<td>${esc(f.message)}${pss}${loc ? `<div class="loc">at <code>${esc(loc)}</code></div>` : ''}${waived}</td>
</tr>`;
}

export function renderHtml(run: CheckRun): string {
  const counts = run.counts.unwaived;
  const waived = run.counts.waived;
  const meta = new Map(run.rules.map((r) => [r.id, r]));
  const concerns = [...new Set(run.findings.map((f) => f.concern))].sort();
  const status = run.passed
    ? '<p class="status pass">Gate passed</p>'
    : `<p class="status fail">Gate failed: ${run.failing.length} finding(s) at or above the fail threshold (${esc(String(run.failOn))})${run.inputErrors.length ? `; ${run.inputErrors.length} input(s) not rendered` : ''}</p>`;
  const threshold =
    `<p class="threshold">Fail threshold: ${esc(String(run.failOn))} (from <code>${esc(run.failOnSource)}</code>)</p>` +
    run.loosened
      .map((l) => `<p class="loosened">The repository's config loosens the gate: <code>${esc(`${l.location.file}:${l.location.line}`)}</code> ${esc(l.message)}</p>`)
      .join('') +
    run.inputErrors
      .map(
        (e) =>
          `<p class="input-error">Not rendered, so not judged: <code>${esc(e.target)}</code>${e.location ? ` at <code>${esc(`${e.location.file}:${e.location.line}`)}</code>` : ''}: ${esc(e.message)}</p>`,
      )
      .join('');
  const targets = run.targets
    .map(
      (t) =>
        `<tr><td><code>${esc(t.path)}</code></td><td>${esc(t.type)}</td><td>${esc(t.profile)}${t.profileSource === 'inferred from the path' ? ' <span class="note">(from the path)</span>' : ''}</td><td>${esc(t.kubeVersion)}</td><td>${t.objects}</td></tr>`,
    )
    .join('\n');
  const rows = [...run.findings]
    .sort((a, b) => severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity))
    .map((f) => findingRow(f, meta))
    .join('\n');
  const concernOptions = concerns.map((c) => `<option value="${esc(c)}">${esc(c)}</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>prodgate report</title>
<style>
:root { --err: #b42318; --warn: #b54708; --info: #175cd3; --ok: #067647; --muted: #667085; --line: #eaecf0; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #101828; background: #fcfcfd; }
header { padding: 20px 28px; border-bottom: 1px solid var(--line); background: #fff; }
h1 { font-size: 20px; margin: 0 0 6px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
main { padding: 0 28px 40px; max-width: 1500px; }
.status { font-weight: 600; margin: 4px 0; }
.status.pass { color: var(--ok); } .status.fail { color: var(--err); }
.loosened { color: var(--warn, #b45309); }
.input-error { color: var(--error, #b91c1c); }
.counts span { display: inline-block; margin-right: 14px; }
table { border-collapse: collapse; width: 100%; background: #fff; }
th, td { text-align: left; vertical-align: top; padding: 8px 10px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, monospace; overflow-wrap: anywhere; }
td:nth-child(2) { white-space: nowrap; }
#findings td:nth-child(3) { width: 30%; }
.loc { margin-top: 4px; font-size: 12px; color: var(--muted); }
.sev { display: inline-block; min-width: 58px; text-align: center; border-radius: 10px; padding: 1px 8px; font-size: 12px; font-weight: 600; color: #fff; }
.sev-error { background: var(--err); } .sev-warning { background: var(--warn); } .sev-info { background: var(--info); }
.concern, .path { color: var(--muted); font-size: 12px; }
.tag { display: inline-block; margin-left: 6px; padding: 0 6px; border: 1px solid var(--line); border-radius: 6px; font-size: 12px; color: var(--muted); }
.waiver { margin-top: 4px; font-size: 12px; color: var(--muted); }
tr[data-waived="yes"] td { opacity: .6; }
.filters { display: flex; gap: 14px; align-items: center; flex-wrap: wrap; margin: 16px 0 8px; }
.filters input[type=search] { padding: 5px 8px; min-width: 260px; }
#empty { color: var(--muted); display: none; padding: 12px 0; }
a { color: inherit; }
</style>
</head>
<body>
<header>
<h1>prodgate report</h1>
${status}
${threshold}
<p class="counts"><span><b>${counts.error}</b> errors</span><span><b>${counts.warning}</b> warnings</span><span><b>${counts.info}</b> info</span><span><b>${waived}</b> waived</span>${run.baselined.length ? `<span><b>${run.baselined.length}</b> accepted by the baseline</span>` : ''}</p>
</header>
<main>
<h2>Checked</h2>
<table id="targets"><thead><tr><th>Path</th><th>Type</th><th>Profile</th><th>Kubernetes</th><th>Objects</th></tr></thead>
<tbody>
${targets}
</tbody></table>
<h2>Findings</h2>
<div class="filters">
<label><input type="checkbox" class="sev-filter" value="error" checked> errors</label>
<label><input type="checkbox" class="sev-filter" value="warning" checked> warnings</label>
<label><input type="checkbox" class="sev-filter" value="info" checked> info</label>
<label><input type="checkbox" id="show-waived" checked> waived</label>
<label>concern <select id="concern"><option value="">all</option>${concernOptions}</select></label>
<input type="search" id="search" placeholder="filter by rule, object, file…" aria-label="filter findings">
<span id="shown"></span>
</div>
<table id="findings"><thead><tr><th>Severity</th><th>Rule</th><th>Object</th><th>Finding</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p id="empty">No findings match the filters.</p>
</main>
<script>
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.finding'));
  var sevBoxes = Array.prototype.slice.call(document.querySelectorAll('.sev-filter'));
  var waivedBox = document.getElementById('show-waived');
  var concern = document.getElementById('concern');
  var search = document.getElementById('search');
  function apply() {
    var sev = {};
    sevBoxes.forEach(function (b) { sev[b.value] = b.checked; });
    var q = search.value.toLowerCase();
    var shown = 0;
    rows.forEach(function (r) {
      var ok = sev[r.dataset.severity] &&
        (waivedBox.checked || r.dataset.waived === 'no') &&
        (!concern.value || r.dataset.concern === concern.value) &&
        (!q || r.textContent.toLowerCase().indexOf(q) >= 0);
      r.style.display = ok ? '' : 'none';
      if (ok) shown++;
    });
    document.getElementById('shown').textContent = shown + ' of ' + rows.length + ' shown';
    document.getElementById('empty').style.display = shown ? 'none' : 'block';
  }
  sevBoxes.concat([waivedBox]).forEach(function (b) { b.addEventListener('change', apply); });
  concern.addEventListener('change', apply);
  search.addEventListener('input', apply);
  apply();
})();
</script>
</body>
</html>
`;
}
