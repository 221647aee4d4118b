// deploy/check's checks on the PromQL it ships and on how the pieces fit together.
//
//   node deploy-lint.mjs promql-rules            writes a Prometheus rules file to stdout holding every PromQL
//                                                expression of the dashboard and of the prometheus-adapter rule
//                                                as a recording rule, for `promtool check rules` to parse
//   node deploy-lint.mjs metrics SCRAPE          every metric name used by the alert/recording rules, the
//                                                dashboard and the adapter rule is one that SCRAPE (a /metrics
//                                                page of a running `idmint serve`) exports, or a recorded one
//   node deploy-lint.mjs coverage                every alert has a promtool test where it fires on a "hot" series
//                                                while a series that must stay silent is fed beside it, and a
//                                                runbook_url ending in #alert-<its name in lower case>
//   node deploy-lint.mjs hpa RENDERED...         the HPA's pods metrics are served by the adapter rule, and the
//                                                probes have seed 001's timings (kubectl kustomize output)
// Each prints `ok` / `FAIL` lines and exits 1 on any failure. Paths are relative to the repository root.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments, stringify } from "yaml";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const read = (p) => readFileSync(join(root, p), "utf8");
const RULES = "deploy/prometheus/idmint-rules.yml";
const TESTS = "deploy/prometheus/idmint-rules.test.yml";
const DASHBOARD = "deploy/grafana/idmint.json";
const ADAPTER = "deploy/k8s/prometheus-adapter/config.yaml";

let failures = 0;
const fail = (msg) => { failures++; console.log(`FAIL  ${msg}`); };
const ok = (msg) => console.log(`ok    ${msg}`);

// Grafana's variables become what they would match: $__rate_interval a range, $job and the like any value.
function grafanaToPromql(expr) {
  return expr.replace(/\$__(rate_interval|interval|range)\b/g, "5m").replace(/\$\{?\w+\}?/g, ".*");
}
// prometheus-adapter's template placeholders, filled as the adapter would for one pod.
function adapterToPromql(query) {
  return query.replace(/<<\.GroupBy>>/g, "pod").replace(/<<\.LabelMatchers>>/g, 'namespace="idmint",pod=~"idmint-.*"');
}

function dashboardExprs() {
  const dash = JSON.parse(read(DASHBOARD));
  const out = [];
  const panels = (dash.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
  for (const p of panels) for (const t of p.targets ?? []) if (t.expr) out.push({ where: `dashboard panel "${p.title}" ${t.refId}`, expr: grafanaToPromql(t.expr) });
  // Template variables: label_values(METRIC{...}, label) names a metric too.
  for (const v of dash.templating?.list ?? []) {
    const q = typeof v.query === "string" ? v.query : v.query?.query;
    const m = q && /^label_values\((.+),\s*\w+\)$/.exec(q);
    if (m) out.push({ where: `dashboard variable $${v.name}`, expr: grafanaToPromql(m[1]) });
  }
  return out;
}

function adapterExprs() {
  return parse(read(ADAPTER)).rules.flatMap((r, i) => [
    { where: `adapter rule ${i} metricsQuery`, expr: adapterToPromql(r.metricsQuery) },
    { where: `adapter rule ${i} seriesQuery`, expr: r.seriesQuery },
  ]);
}

function ruleExprs() {
  return parse(read(RULES)).groups.flatMap((g) => g.rules.map((r) => ({ where: `rule ${r.alert ?? r.record}`, expr: String(r.expr) })));
}

// The metric names a PromQL expression refers to: identifiers left after dropping strings, label matchers,
// ranges and label lists, that are not functions, aggregations, keywords or numbers.
const KEYWORDS = new Set(["by", "without", "on", "ignoring", "group_left", "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan", "atan2"]);
export function metricNames(expr) {
  let e = expr.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  e = e.replace(/\{[^}]*\}/g, " ").replace(/\[[^\]]*\]/g, " ");
  e = e.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ");
  const names = new Set();
  for (const m of e.matchAll(/(?<![\w.:])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?/g)) {
    if (m[2] || KEYWORDS.has(m[1].toLowerCase())) continue;
    names.add(m[1]);
  }
  return [...names];
}

const [cmd, ...args] = process.argv.slice(2);
if (cmd === "promql-rules") {
  const all = [...dashboardExprs(), ...adapterExprs()];
  const rules = all.map((x, i) => ({ record: `deploy_check:expr_${i}`, expr: x.expr, labels: { source: x.where } }));
  process.stdout.write(stringify({ groups: [{ name: "deploy-check", rules }] }));
  process.exit(0);
} else if (cmd === "metrics") {
  const scraped = new Set();
  for (const line of readFileSync(args[0], "utf8").split("\n")) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (m) scraped.add(m[1]);
  }
  if (scraped.size === 0) fail(`no metrics in the scrape ${args[0]}`);
  const recorded = new Set(parse(read(RULES)).groups.flatMap((g) => g.rules.filter((r) => r.record).map((r) => r.record)));
  const used = new Map();
  for (const x of [...ruleExprs(), ...dashboardExprs(), ...adapterExprs()]) {
    for (const n of metricNames(x.expr)) used.set(n, [...(used.get(n) ?? []), x.where]);
  }
  let unknown = 0;
  for (const [name, where] of [...used].sort()) {
    if (!scraped.has(name) && !recorded.has(name)) { unknown++; fail(`metric ${name} is not exported by idmint serve (used by ${where.join(", ")})`); }
  }
  const exported = [...used.keys()].filter((n) => scraped.has(n));
  if (unknown === 0) ok(`all ${used.size} metric names used (${exported.length} exported by the running serve, ${used.size - exported.length} recorded by the rules) exist`);
  const unusedOnDashboard = [...scraped].filter((n) => !dashboardExprs().some((x) => metricNames(x.expr).includes(n)));
  console.log(`      exported but not on the dashboard: ${unusedOnDashboard.join(", ") || "none"}`);
} else if (cmd === "coverage") {
  const alerts = parse(read(RULES)).groups.flatMap((g) => g.rules.filter((r) => r.alert));
  const tests = parse(read(TESTS)).tests;
  for (const a of alerts) {
    const anchor = `#alert-${a.alert.toLowerCase()}`;
    if (!String(a.annotations?.runbook_url ?? "").endsWith(anchor)) fail(`${a.alert}: runbook_url does not end in ${anchor}`);
    // A test case where it fires, in a group that also feeds a series (another instance) that must stay silent.
    const covered = tests.some((t) => {
      const instances = new Set((t.input_series ?? []).map((s) => /instance="([^"]+)"/.exec(s.series)?.[1]).filter(Boolean));
      return (t.alert_rule_test ?? []).some((c) => {
        if (c.alertname !== a.alert || !(c.exp_alerts ?? []).length) return false;
        const firing = new Set(c.exp_alerts.map((x) => x.exp_labels?.instance));
        return [...instances].some((i) => !firing.has(i));
      });
    });
    if (covered) ok(`${a.alert}: tested firing and silent; runbook ${anchor}`);
    else fail(`${a.alert}: no promtool test where it fires on one series and stays silent on another`);
  }
  for (const t of tests) for (const c of t.alert_rule_test ?? []) {
    if (!alerts.some((a) => a.alert === c.alertname)) fail(`test "${t.name}" expects alert ${c.alertname}, which the rules do not define`);
  }
} else if (cmd === "hpa") {
  const served = new Set(parse(read(ADAPTER)).rules.map((r) => r.name?.as));
  for (const file of args) {
    for (const doc of parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS())) {
      if (doc?.kind === "HorizontalPodAutoscaler") {
        for (const m of doc.spec.metrics ?? []) {
          if (m.type === "Pods") {
            if (served.has(m.pods.metric.name)) ok(`${file}: HPA pods metric ${m.pods.metric.name} is served by the adapter rule`);
            else fail(`${file}: HPA pods metric ${m.pods.metric.name} is not served by ${ADAPTER}`);
          }
        }
        const cpu = (doc.spec.metrics ?? []).find((m) => m.resource?.name === "cpu");
        if (cpu?.resource.target.averageUtilization === 70) ok(`${file}: HPA CPU target 70 %`);
        else fail(`${file}: HPA has no CPU utilisation target of 70 %`);
      }
      if (doc?.kind === "StatefulSet" && doc.metadata.name === "idmint") {
        const c = doc.spec.template.spec.containers[0];
        for (const [kind, probe] of [["readiness", c.readinessProbe], ["liveness", c.livenessProbe]]) {
          if (probe?.periodSeconds === 10 && probe?.timeoutSeconds === 1 && probe?.httpGet?.path?.startsWith("/api/v1/health/")) {
            ok(`${file}: ${kind} probe ${probe.httpGet.path} every 10 s, timeout 1 s`);
          } else fail(`${file}: ${kind} probe lacks seed 001's timings (every 10 s, 1 s timeout) on /api/v1/health/*`);
        }
      }
    }
  }
} else {
  console.error("usage: deploy-lint.mjs promql-rules | metrics SCRAPE | coverage | hpa RENDERED...");
  process.exit(2);
}
process.exit(failures === 0 ? 0 : 1);
