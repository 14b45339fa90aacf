#!/usr/bin/env node
// Validates rendered Kubernetes manifests offline, with no cluster:
//
//   kubectl kustomize deploy/k8s/overlays/dev | node deploy/k8s/validate/validate.mjs [--json]
//
// 1. Schema: every object is checked by the kubernetes-models class for its apiVersion/kind (the
//    Kubernetes OpenAPI schema: types, required fields, enums). An apiVersion/kind it has no model
//    for is an error. Unknown fields (a misspelt key, which the OpenAPI schema lets through) are
//    found by walking the models' TypeScript declarations.
// 2. The platform's policies: probes, resources, non-root and read-only containers, PDB and HPA for
//    every Deployment, Service selectors and ports that match a workload, the gateway's destination
//    addresses, drain timing, and the NetworkPolicy matrix (backends reachable only from the gateway
//    and each other; datastores only from the backends; under default-deny egress, DNS and every
//    configured in-cluster call still let out).
//
// Problems go to stderr as "Kind/name: field: message", one a line; a summary goes to stdout (or,
// with --json, a JSON report including every parsed object). Exit code 0 when clean, 1 on problems,
// 2 when the input cannot be read or parsed.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const args = process.argv.slice(2);
const jsonOutput = args.includes("--json");
const files = args.filter((a) => !a.startsWith("--"));
const unknownFlags = args.filter((a) => a.startsWith("--") && a !== "--json");
if (unknownFlags.length > 0) {
  console.error(`usage: validate.mjs [--json] [file.yaml ...]   (reads stdin without files); unknown ${unknownFlags.join(" ")}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Reading

function readInput() {
  if (files.length === 0) return [{ source: "stdin", text: readFileSync(0, "utf8") }];
  return files.map((f) => ({ source: f, text: readFileSync(f, "utf8") }));
}

const objects = [];
const problems = [];
const reported = new Set();
const report = (obj, field, message) => {
  const problem = { object: obj ? describe(obj) : "(input)", field, message };
  const key = JSON.stringify(problem);
  if (!reported.has(key)) problems.push(problem);
  reported.add(key);
};
const describe = (o) => `${o?.kind ?? "?"}/${o?.metadata?.name ?? "?"}`;

try {
  for (const { source, text } of readInput()) {
    for (const doc of parseAllDocuments(text)) {
      if (doc.errors.length > 0) {
        console.error(`${source}: YAML error: ${doc.errors.map((e) => e.message).join("; ")}`);
        process.exit(2);
      }
      const value = doc.toJS();
      if (value === null || value === undefined) continue; // an empty document (--- at the end)
      if (typeof value !== "object" || Array.isArray(value)) {
        console.error(`${source}: a document is not a mapping`);
        process.exit(2);
      }
      objects.push(value);
    }
  }
} catch (e) {
  console.error(`cannot read the input: ${e.message}`);
  process.exit(2);
}
if (objects.length === 0) {
  console.error("no Kubernetes objects in the input");
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// 1. Schema

/** "apps/v1" + "Deployment" -> the module path of its kubernetes-models class, or null. */
function modelPath(apiVersion, kind) {
  if (typeof apiVersion !== "string" || typeof kind !== "string") return null;
  const parts = apiVersion.split("/");
  const [group, version] = parts.length === 1 ? [null, parts[0]] : parts;
  if (parts.length > 2 || !/^v\d+((alpha|beta)\d+)?$/.test(version)) return null;
  if (group !== null && !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/.test(group)) return null;
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind) || kind.endsWith("List")) return null;
  return group === null ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

async function loadModel(apiVersion, kind) {
  const path = modelPath(apiVersion, kind);
  if (!path) return null;
  try {
    const mod = await import(path);
    const cls = mod[kind];
    return typeof cls === "function" && cls.apiVersion === apiVersion && cls.kind === kind ? { cls, path } : null;
  } catch {
    return null;
  }
}

// Unknown fields. The OpenAPI schema that kubernetes-models compiles has no additionalProperties:
// false, so a misspelt key passes it (the API server drops or rejects it later). The models'
// declaration files list every property with its type; they are parsed here, once per type.
const shapes = new Map(); // absolute .d.ts path -> { props: Map<name, typeNode> } | null

function resolveDts(specifier, fromFile) {
  try {
    const url = specifier.startsWith(".")
      ? new URL(specifier, `file://${fromFile}`)
      : new URL(import.meta.resolve(specifier));
    return fileURLToPath(url).replace(/\.js$/, "").replace(/$/, ".d.ts");
  } catch {
    return null;
  }
}

function parseType(text, imports) {
  const t = text.trim();
  let m = /^Array<([\s\S]+)>$/.exec(t);
  if (m) return { array: parseType(m[1], imports) };
  m = /^\{\s*\[key: string\]:\s*([\s\S]+?);?\s*\}$/.exec(t);
  if (m) return { map: parseType(m[1], imports) };
  if (/^I\w+$/.test(t) && imports.has(t)) return { ref: imports.get(t) };
  return { leaf: true };
}

function shapeOf(dtsPath) {
  if (!dtsPath) return null;
  if (shapes.has(dtsPath)) return shapes.get(dtsPath);
  shapes.set(dtsPath, null); // cycles: JSONSchemaProps refers to itself
  let text;
  try {
    text = readFileSync(dtsPath, "utf8");
  } catch {
    return null;
  }
  const imports = new Map();
  for (const m of text.matchAll(/^import \{ (I\w+) \} from "([^"]+)";$/gm)) {
    imports.set(m[1], resolveDts(m[2], dtsPath));
  }
  const start = /^export interface I\w+(?: extends [\w, ]+)? \{$/m.exec(text);
  if (!start) return null; // a type alias (Quantity, IntOrString, …): nothing to check inside
  const props = new Map();
  let i = start.index + start[0].length;
  while (i < text.length) {
    while (/\s/.test(text[i])) i++;
    if (text.startsWith("/*", i)) {
      i = text.indexOf("*/", i) + 2;
      continue;
    }
    if (text[i] === "}") break;
    const nameMatch = /^"([^"]+)"\??: /.exec(text.slice(i, i + 200));
    if (!nameMatch) return null; // not the shape this parser knows: check nothing rather than guess
    i += nameMatch[0].length;
    let depth = 0;
    const typeStart = i;
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === "{" || c === "<" || c === "(") depth++;
      else if (c === "}" || c === ">" || c === ")") depth--;
      else if (c === ";" && depth === 0) break;
    }
    props.set(nameMatch[1], parseType(text.slice(typeStart, i), imports));
    i++;
  }
  const shape = props.size > 0 ? { props } : null;
  shapes.set(dtsPath, shape);
  return shape;
}

function checkFields(obj, value, node, path) {
  if (value === null || value === undefined || !node) return;
  if (node.array) {
    if (Array.isArray(value)) value.forEach((v, i) => checkFields(obj, v, node.array, `${path}[${i}]`));
    return;
  }
  if (node.map) {
    if (typeof value === "object" && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) checkFields(obj, v, node.map, `${path}.${k}`);
    }
    return;
  }
  if (!node.ref || typeof value !== "object" || Array.isArray(value)) return;
  const shape = shapeOf(node.ref);
  if (!shape) return;
  for (const [k, v] of Object.entries(value)) {
    const field = path ? `${path}.${k}` : k;
    if (!shape.props.has(k)) report(obj, field, `unknown field "${k}" (not in the Kubernetes schema for this object)`);
    else checkFields(obj, v, shape.props.get(k), field);
  }
}

/** "data/spec/template/spec/containers/0/resources" -> "spec.template.spec.containers[0].resources" */
function fieldFromPointer(pointer) {
  return pointer
    .replace(/^data/, "")
    .split("/")
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p.replace(/~1/g, "/").replace(/~0/g, "~")}`))
    .join("")
    .replace(/^\./, "");
}

const modelCache = new Map();
for (const obj of objects) {
  const key = `${obj.apiVersion}|${obj.kind}`;
  if (!modelCache.has(key)) modelCache.set(key, await loadModel(obj.apiVersion, obj.kind));
  const model = modelCache.get(key);
  if (!model) {
    report(obj, "apiVersion/kind", `no Kubernetes model for apiVersion "${obj.apiVersion}" kind "${obj.kind}" (unknown or misspelt kind, or a version Kubernetes no longer serves)`);
    continue;
  }
  try {
    new model.cls(obj).validate();
  } catch (e) {
    // One problem per schema error; the messages are ajv's ("must be integer", "must have required property 'x'").
    const errors = Array.isArray(e.errors) ? e.errors : [];
    if (errors.length === 0) report(obj, "(schema)", e.message);
    for (const err of errors) {
      report(obj, fieldFromPointer(`data${err.instancePath}`) || "(root)", `schema: ${err.message ?? err.keyword}${err.params?.allowedValues ? ` (allowed: ${err.params.allowedValues.join(", ")})` : ""}`);
    }
  }
  checkFields(obj, obj, { ref: resolveDts(model.path) }, "");
  if (!obj.metadata?.name) report(obj, "metadata.name", "is required");
}

const seen = new Set();
for (const obj of objects) {
  const id = `${obj.apiVersion}|${obj.kind}|${obj.metadata?.namespace ?? ""}|${obj.metadata?.name}`;
  if (seen.has(id)) report(obj, "metadata.name", "appears twice in the input");
  seen.add(id);
}

// ---------------------------------------------------------------------------------------------
// 2. Policies

const ofKind = (kind) => objects.filter((o) => o.kind === kind);
const workloads = objects.filter((o) => (o.kind === "Deployment" || o.kind === "StatefulSet") && o.spec?.template);
const podLabels = (w) => w.spec?.template?.metadata?.labels ?? {};
const component = (w) => podLabels(w)["app.kubernetes.io/component"];

/** Label selector semantics (matchLabels + matchExpressions); an empty selector selects everything. */
function selects(selector, labels) {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values = e.values ?? [];
    if (e.operator === "In" && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && values.includes(labels[e.key])) return false;
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
  }
  return true;
}
const selectedWorkloads = (selector) => workloads.filter((w) => selects(selector, podLabels(w)));
/** Service.spec.selector is a plain map. */
const selectsMap = (map, labels) => Object.entries(map).every(([k, v]) => labels[k] === v);

// The environment a container sees, from env values and envFrom ConfigMaps (Secrets are not read).
function containerEnv(container) {
  const env = new Map();
  for (const from of container.envFrom ?? []) {
    const cm = from.configMapRef && ofKind("ConfigMap").find((c) => c.metadata?.name === from.configMapRef.name);
    for (const [k, v] of Object.entries(cm?.data ?? {})) env.set((from.prefix ?? "") + k, v);
  }
  for (const e of container.env ?? []) if (typeof e.value === "string") env.set(e.name, e.value);
  return env;
}

const isTrue = (v) => v === true;
const REQUIRED_LABELS = ["app.kubernetes.io/name", "app.kubernetes.io/part-of", "app.kubernetes.io/component"];

for (const w of workloads) {
  const tpl = w.spec.template;
  const pod = tpl.spec ?? {};
  const podSc = pod.securityContext ?? {};
  const base = "spec.template.spec";

  for (const l of REQUIRED_LABELS) {
    if (!podLabels(w)[l]) report(w, `spec.template.metadata.labels["${l}"]`, "is missing (the NetworkPolicies, PDBs and Services select pods by these labels)");
  }
  if (pod.automountServiceAccountToken !== false) report(w, `${base}.automountServiceAccountToken`, "must be false (no pod here calls the Kubernetes API)");
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) report(w, base, "must not use the host's network, PID or IPC namespace");
  if (typeof podSc.runAsUser === "number" && podSc.runAsUser === 0) report(w, `${base}.securityContext.runAsUser`, "must not be 0 (root)");

  const all = [
    ...(pod.containers ?? []).map((c, i) => ({ c, path: `${base}.containers[${i}]`, init: false })),
    ...(pod.initContainers ?? []).map((c, i) => ({ c, path: `${base}.initContainers[${i}]`, init: true })),
  ];
  for (const { c, path, init } of all) {
    const at = `${path}(${c.name})`;
    const sc = c.securityContext ?? {};
    // Image: an explicit tag or digest that is not "latest".
    const image = c.image ?? "";
    const lastPart = image.split("/").pop();
    if (!image) report(w, `${at}.image`, "is required");
    else if (!image.includes("@") && !lastPart.includes(":")) report(w, `${at}.image`, `"${image}" has no tag (that means :latest); pin a version`);
    else if (/:latest(@|$)/.test(image)) report(w, `${at}.image`, `"${image}" uses the latest tag; pin a version`);

    // Resources.
    for (const kind of ["requests", "limits"]) {
      for (const r of ["cpu", "memory"]) {
        if (c.resources?.[kind]?.[r] === undefined) report(w, `${at}.resources.${kind}.${r}`, "is required");
      }
    }

    // Security.
    if (!isTrue(sc.runAsNonRoot) && !(sc.runAsNonRoot === undefined && isTrue(podSc.runAsNonRoot))) {
      report(w, `${at}.securityContext.runAsNonRoot`, "must be true (here or in the pod's securityContext)");
    }
    if (sc.runAsUser === 0) report(w, `${at}.securityContext.runAsUser`, "must not be 0 (root)");
    if (!isTrue(sc.readOnlyRootFilesystem)) report(w, `${at}.securityContext.readOnlyRootFilesystem`, "must be true");
    if (sc.allowPrivilegeEscalation !== false) report(w, `${at}.securityContext.allowPrivilegeEscalation`, "must be false");
    if (sc.privileged === true) report(w, `${at}.securityContext.privileged`, "must not be true");
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) report(w, `${at}.securityContext.capabilities.drop`, 'must include "ALL"');
    const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
    if (seccomp !== "RuntimeDefault" && seccomp !== "Localhost") report(w, `${at}.securityContext.seccompProfile.type`, "must be RuntimeDefault (here or in the pod's securityContext)");
    // A read-only root needs a writable /tmp (.NET, PostgreSQL and the shells write there).
    if (isTrue(sc.readOnlyRootFilesystem) && !(c.volumeMounts ?? []).some((m) => m.mountPath === "/tmp" && !m.readOnly)) {
      report(w, `${at}.volumeMounts`, "mounts nothing writable at /tmp, which a read-only root filesystem needs (an emptyDir)");
    }
    for (const m of c.volumeMounts ?? []) {
      if (!(pod.volumes ?? []).some((v) => v.name === m.name) && !(w.spec.volumeClaimTemplates ?? []).some((v) => v.metadata?.name === m.name)) {
        report(w, `${at}.volumeMounts(${m.name})`, "names no volume of the pod");
      }
    }
    if (init) continue;

    // Probes, and that their ports are ports the container declares.
    for (const probe of ["readinessProbe", "livenessProbe"]) {
      if (!c[probe]) report(w, `${at}.${probe}`, "is required");
    }
    const declared = (c.ports ?? []).flatMap((p) => [p.containerPort, p.name].filter((x) => x !== undefined));
    for (const probe of ["readinessProbe", "livenessProbe", "startupProbe"]) {
      const p = c[probe];
      if (!p) continue;
      const port = p.grpc?.port ?? p.httpGet?.port ?? p.tcpSocket?.port;
      if (port !== undefined && !declared.includes(port)) report(w, `${at}.${probe}`, `probes port ${port}, which the container does not declare`);
    }

    // Drain timing: the grace period must cover the preStop sleep plus the service's shutdown budget.
    const shutdown = Number(containerEnv(c).get("ServiceDefaults__ShutdownTimeoutSeconds") ?? NaN);
    if (!Number.isNaN(shutdown)) {
      const grace = pod.terminationGracePeriodSeconds ?? 30;
      const preStop = c.lifecycle?.preStop?.sleep?.seconds ?? 0;
      if (grace <= shutdown + preStop) {
        report(w, `${base}.terminationGracePeriodSeconds`, `${grace} s does not exceed the preStop sleep (${preStop} s) plus ServiceDefaults__ShutdownTimeoutSeconds (${shutdown} s); in-flight work would be killed`);
      }
    }
  }
}

// Every Deployment: a PodDisruptionBudget and a HorizontalPodAutoscaler.
for (const d of ofKind("Deployment")) {
  const labels = podLabels(d);
  const pdbs = ofKind("PodDisruptionBudget").filter((p) => selects(p.spec?.selector, labels));
  const hpas = ofKind("HorizontalPodAutoscaler").filter(
    (h) => h.spec?.scaleTargetRef?.kind === "Deployment" && h.spec?.scaleTargetRef?.name === d.metadata?.name,
  );
  if (pdbs.length === 0) report(d, "(PodDisruptionBudget)", "no PodDisruptionBudget selects this Deployment's pods");
  if (hpas.length === 0) report(d, "(HorizontalPodAutoscaler)", "no HorizontalPodAutoscaler scales this Deployment");
  for (const h of hpas) {
    const min = h.spec.minReplicas ?? 1;
    for (const p of pdbs) {
      if (typeof p.spec?.minAvailable === "number" && p.spec.minAvailable >= min) {
        report(p, "spec.minAvailable", `${p.spec.minAvailable} is not below the ${min} replica(s) HorizontalPodAutoscaler/${h.metadata.name} may scale ${describe(d)} down to: no pod could ever be evicted (node drains would hang); use maxUnavailable`);
      }
    }
  }
}
for (const h of ofKind("HorizontalPodAutoscaler")) {
  const t = h.spec?.scaleTargetRef;
  if (t && !objects.some((o) => o.kind === t.kind && o.metadata?.name === t.name)) report(h, "spec.scaleTargetRef", `${t.kind}/${t.name} is not in the input`);
  if ((h.spec?.minReplicas ?? 1) > (h.spec?.maxReplicas ?? 0)) report(h, "spec.minReplicas", "is above spec.maxReplicas");
}
for (const p of ofKind("PodDisruptionBudget")) {
  if (selectedWorkloads(p.spec?.selector).length === 0) report(p, "spec.selector", "selects no workload in the input");
}

// Services: a selector must select a workload, whose containers declare the target port.
for (const s of ofKind("Service")) {
  const sel = s.spec?.selector;
  if (s.spec?.type === "ExternalName") {
    if (!s.spec.externalName) report(s, "spec.externalName", "is required for an ExternalName Service");
    continue;
  }
  if (!sel) continue; // endpoints managed by hand (an external database)
  const targets = workloads.filter((w) => selectsMap(sel, podLabels(w)));
  if (targets.length === 0) {
    report(s, "spec.selector", `${JSON.stringify(sel)} selects no Deployment or StatefulSet in the input`);
    continue;
  }
  for (const [i, port] of (s.spec.ports ?? []).entries()) {
    const target = port.targetPort ?? port.port;
    for (const w of targets) {
      const ports = (w.spec.template.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
      if (!ports.some((p) => p.containerPort === target || p.name === target)) {
        report(s, `spec.ports[${i}].targetPort`, `${target} is no container port of ${describe(w)}`);
      }
    }
  }
}
for (const w of ofKind("StatefulSet")) {
  const svc = ofKind("Service").find((s) => s.metadata?.name === w.spec?.serviceName);
  if (!svc) report(w, "spec.serviceName", `Service "${w.spec?.serviceName}" is not in the input`);
  else if (svc.spec?.clusterIP !== "None") report(w, "spec.serviceName", `Service "${svc.metadata.name}" must be headless (clusterIP: None)`);
}

// Ingress: the backends exist and expose the named port.
for (const ing of ofKind("Ingress")) {
  const backends = [ing.spec?.defaultBackend, ...(ing.spec?.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend))].filter(Boolean);
  for (const b of backends) {
    if (!b.service) continue;
    const svc = ofKind("Service").find((s) => s.metadata?.name === b.service.name);
    if (!svc) report(ing, "spec.rules", `backend Service "${b.service.name}" is not in the input`);
    else if (!(svc.spec?.ports ?? []).some((p) => p.name === b.service.port?.name || p.port === b.service.port?.number)) {
      report(ing, "spec.rules", `Service "${b.service.name}" has no port ${b.service.port?.name ?? b.service.port?.number}`);
    }
  }
  for (const [i, t] of (ing.spec?.tls ?? []).entries()) {
    if (!t.secretName) report(ing, `spec.tls[${i}].secretName`, "is required");
  }
}

// The gateway's destinations (YARP: ReverseProxy__Clusters__<cluster>__Destinations__<name>__Address) and
// the documents service's dispatch addresses: an in-cluster host must be a Service here with the port
// the address names. Gateway__DnsDestinations__Enabled=true makes the gateway resolve every destination
// host into one destination per address, gateway-wide, so then each destination's Service must be
// headless (a ClusterIP name resolves to one virtual IP, which pins each HTTP/2 connection to one pod).
const hostOf = (url) => {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
};
const portOf = (url) => {
  const u = new URL(url);
  return Number(u.port || (u.protocol === "https:" ? 443 : 80));
};
// .NET configuration keys (and so these variable names) are case-insensitive, and so are its booleans.
const DESTINATION = /^ReverseProxy__Clusters__(.+?)__Destinations__(.+?)__Address$/i;
const OLD_GATEWAY_KEY = /^Gateway__Clusters__/i;
const envValue = (env, key) => [...env].find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
const isHeadless = (svc) => svc.spec?.clusterIP === "None";
const containerPorts = (w) => (w.spec.template.spec?.containers ?? []).flatMap((c) => c.ports ?? []);
const calls = []; // { caller, container, key, service, port }: in-cluster addresses a workload calls
for (const w of workloads) {
  for (const [i, c] of (w.spec.template.spec?.containers ?? []).entries()) {
    const env = containerEnv(c);
    const at = (k) => `spec.template.spec.containers[${i}].env(${k})`;
    const dnsDestinations = (envValue(env, "Gateway__DnsDestinations__Enabled") ?? "").trim().toLowerCase() === "true";
    for (const [k, v] of env) {
      if (OLD_GATEWAY_KEY.test(k)) {
        report(w, at(k), "the gateway no longer reads Gateway__Clusters__*: destinations are ReverseProxy__Clusters__<cluster>__Destinations__<name>__Address, DNS resolution is Gateway__DnsDestinations__Enabled");
        continue;
      }
      const dest = DESTINATION.exec(k);
      if (!dest && !/^Dispatch__\w+Address$/.test(k)) continue;
      const host = hostOf(v);
      if (!host) {
        report(w, at(k), `"${v}" is not a URL`);
        continue;
      }
      if (host.includes(".")) continue; // a name outside this input (another namespace, external)
      const svc = ofKind("Service").find((s) => s.metadata?.name === host);
      if (!svc) {
        report(w, at(k), `host "${host}" is no Service in the input`);
        continue;
      }
      const port = portOf(v);
      calls.push({ caller: w, container: `spec.template.spec.containers[${i}]`, key: k, service: svc, port });
      if (isHeadless(svc)) {
        // A headless name resolves to the pods themselves: the port is the pods' port, not the Service's.
        const targets = svc.spec?.selector ? workloads.filter((t) => selectsMap(svc.spec.selector, podLabels(t))) : [];
        for (const t of targets) {
          if (!containerPorts(t).some((p) => p.containerPort === port)) {
            report(w, at(k), `"${host}" is a headless Service, so port ${port} must be a container port of ${describe(t)}, which it is not`);
          }
        }
      } else if (!(svc.spec?.ports ?? []).some((p) => p.port === port)) {
        report(w, at(k), `Service "${host}" has no port ${port}`);
      }
      if (dest && dnsDestinations && !isHeadless(svc)) {
        report(w, at(k), `Gateway__DnsDestinations__Enabled is true (for every destination), so "${host}" of cluster "${dest[1]}" must be a headless Service (clusterIP: None) or the gateway sees one virtual IP`);
      }
    }
  }
}

// NetworkPolicies.
const policies = ofKind("NetworkPolicy");
const hasType = (p, t) => (p.spec?.policyTypes ?? (t === "Ingress" ? ["Ingress"] : [])).includes(t);
const defaultDenyIngress = policies.find(
  (p) => Object.keys(p.spec?.podSelector ?? { x: 1 }).length === 0 && hasType(p, "Ingress") && (p.spec.ingress ?? []).length === 0,
);
if (!defaultDenyIngress) report(null, "NetworkPolicy", "no default-deny ingress policy (podSelector: {}, policyTypes: [Ingress], no ingress rules)");

/** The workloads whose pods a policy's ingress lets in, or "anyone" when a rule admits all sources. */
function ingressSources(w) {
  const sources = new Set();
  let anyone = false;
  const offenders = [];
  const governing = policies.filter((p) => hasType(p, "Ingress") && selects(p.spec?.podSelector, podLabels(w)));
  for (const p of governing) {
    for (const [i, rule] of (p.spec.ingress ?? []).entries()) {
      if (!rule.from || rule.from.length === 0) {
        anyone = true;
        offenders.push({ p, field: `spec.ingress[${i}].from`, why: "admits every source" });
        continue;
      }
      for (const [j, peer] of rule.from.entries()) {
        if (peer.ipBlock || peer.namespaceSelector || !peer.podSelector) {
          anyone = true;
          offenders.push({ p, field: `spec.ingress[${i}].from[${j}]`, why: peer.ipBlock ? "admits an IP block" : "admits pods of other namespaces" });
          continue;
        }
        for (const src of selectedWorkloads(peer.podSelector)) sources.add(src);
        if (Object.keys(peer.podSelector).length === 0) offenders.push({ p, field: `spec.ingress[${i}].from[${j}].podSelector`, why: "is empty and admits every pod of the namespace" });
      }
    }
  }
  return { governing, sources, anyone, offenders };
}

const gateways = workloads.filter((w) => component(w) === "gateway");
const backends = workloads.filter((w) => component(w) === "backend");
const datastores = workloads.filter((w) => ["cache", "database"].includes(component(w)));
if (gateways.length === 0) report(null, "Deployment", 'no workload with app.kubernetes.io/component "gateway"');
if (backends.length === 0) report(null, "Deployment", 'no workload with app.kubernetes.io/component "backend"');

if (defaultDenyIngress) {
  const checkOnlyFrom = (w, allowed, allowedText, mustAdmit) => {
    const { governing, sources, offenders } = ingressSources(w);
    if (governing.length === 0) {
      report(w, "(NetworkPolicy)", "no NetworkPolicy selects these pods: under default-deny nothing can reach them");
      return;
    }
    for (const o of offenders) report(o.p, o.field, `${o.why}, but it governs ${describe(w)}, which may be reached only from ${allowedText}`);
    for (const src of sources) {
      if (!allowed.includes(src)) report(w, "(NetworkPolicy)", `${describe(src)} may connect, but only ${allowedText} should (policies: ${governing.map((p) => p.metadata.name).join(", ")})`);
    }
    for (const must of mustAdmit) {
      if (!sources.has(must)) report(w, "(NetworkPolicy)", `${describe(must)} cannot connect, but it must (policies: ${governing.map((p) => p.metadata.name).join(", ")})`);
    }
  };
  for (const b of backends) checkOnlyFrom(b, [...gateways, ...backends], "the gateway and the other backends", gateways);
  for (const d of datastores) checkOnlyFrom(d, backends, "the backends", backends);
  for (const g of gateways) {
    if (ingressSources(g).governing.every((p) => (p.spec.ingress ?? []).length === 0)) {
      report(g, "(NetworkPolicy)", "no NetworkPolicy admits traffic to the gateway: under default-deny it is unreachable");
    }
  }
}

// Where egress is denied by default, every workload still needs DNS, and each in-cluster address it is
// configured to call (the gateway's destinations, the dispatch addresses) must be let out.
const egressDeny = policies.filter((p) => hasType(p, "Egress") && (p.spec.egress ?? []).length === 0);
const egressDenied = (w) => egressDeny.some((p) => selects(p.spec?.podSelector, podLabels(w)));
const egressRules = (w) =>
  policies.filter((p) => hasType(p, "Egress") && selects(p.spec?.podSelector, podLabels(w))).flatMap((p) => p.spec.egress ?? []);
const portAdmitted = (rule, port) =>
  !rule.ports || rule.ports.some((p) => p.port === undefined || p.port === port || (typeof port === "number" && port >= p.port && port <= (p.endPort ?? p.port)));

for (const w of workloads) {
  if (!egressDenied(w)) continue;
  if (!egressRules(w).some((r) => portAdmitted(r, 53))) {
    report(w, "(NetworkPolicy)", "egress is denied and no policy lets it reach DNS (port 53): it could resolve no name");
  }
}
for (const { caller, container, key, service, port } of calls) {
  if (!egressDenied(caller) || !service.spec?.selector) continue;
  const servicePort = (service.spec.ports ?? []).find((p) => p.port === port);
  for (const target of workloads.filter((w) => selectsMap(service.spec.selector, podLabels(w)))) {
    // Policies match the pod's port: resolve the Service's (possibly named) targetPort.
    let podPort = isHeadless(service) ? port : (servicePort?.targetPort ?? port);
    if (typeof podPort === "string") {
      podPort = (target.spec.template.spec?.containers ?? []).flatMap((c) => c.ports ?? []).find((p) => p.name === podPort)?.containerPort ?? podPort;
    }
    const allowed = egressRules(caller).some(
      (r) =>
        (!r.to || r.to.some((peer) => !peer.namespaceSelector && !peer.ipBlock && peer.podSelector && selects(peer.podSelector, podLabels(target)))) &&
        portAdmitted(r, podPort),
    );
    if (!allowed) report(caller, `${container}.env(${key})`, `egress is denied and no NetworkPolicy lets it reach ${describe(target)} on port ${podPort}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Result

const counts = {};
for (const o of objects) counts[o.kind] = (counts[o.kind] ?? 0) + 1;
const countText = Object.entries(counts)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([k, n]) => `${n} ${k}`)
  .join(", ");

for (const p of problems) console.error(`${p.object}: ${p.field}: ${p.message}`);
const summary = problems.length === 0
  ? `OK: ${objects.length} objects valid (${countText})`
  : `FAILED: ${problems.length} problem(s) in ${objects.length} objects (${countText})`;
if (jsonOutput) {
  process.stdout.write(JSON.stringify({ ok: problems.length === 0, summary, problems, objects }, null, 2) + "\n");
} else {
  console.log(summary);
}
process.exit(problems.length === 0 ? 0 : 1);
