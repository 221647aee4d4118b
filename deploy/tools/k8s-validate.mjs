// Validates Kubernetes objects (multi-document YAML files, e.g. `kubectl kustomize` output) offline.
//
//   node deploy/tools/k8s-validate.mjs FILE...
//
// Two checks per object, both from npm's kubernetes-models (the Kubernetes OpenAPI definitions, generated
// into a model per kind):
//  1. schema: the model's validator (ajv, compiled from the OpenAPI schema): types, required fields, enums,
//     formats (int32, quantities, ...). Unknown apiVersion/kind pairs fail.
//  2. strict fields: every field of the object must be declared by its type. The compiled schemas allow
//     unknown fields (the API server prunes them silently), so a misspelt `periodSecond` or a field at the
//     wrong level would pass check 1; this walks the models' type declarations (.d.ts) instead, like
//     kubeconform -strict or the API server's strict field validation.
// Prints one line per object and `k8s-validate: N passed, M failed`; exits 1 on any failure.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
const require = createRequire(import.meta.url);

// apiVersion + kind -> the model's module, e.g. apps/v1 StatefulSet -> kubernetes-models/apps/v1/StatefulSet.
function modelPath(apiVersion, kind) {
  return join(modules, "kubernetes-models", apiVersion, `${kind}.js`); // the core group's v1 is kubernetes-models/v1
}

// --- strict field check from the .d.ts declarations -------------------------------------------------------
const shapes = new Map(); // d.ts file -> {fields: Map(name -> type text)} or null for a leaf type

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

// The properties of the first interface declared in a .d.ts file, with their type text, and its imports.
function shapeOf(file) {
  if (shapes.has(file)) return shapes.get(file);
  const text = stripComments(readFileSync(file, "utf8"));
  const imports = new Map();
  for (const m of text.matchAll(/import \{([^}]*)\} from "([^"]+)";/g)) {
    for (const name of m[1].split(",").map((s) => s.trim()).filter(Boolean)) imports.set(name, m[2]);
  }
  const head = /export interface I\w+(?: extends (\w+))? \{/.exec(text);
  if (!head) { shapes.set(file, null); return null; } // a type alias: string, number, IntOrString, Quantity...
  const fields = parseFields(text, head.index + head[0].length);
  if (head[1] === "TypeMeta") { fields.set("apiVersion", "string"); fields.set("kind", "string"); }
  const shape = { fields, imports, file };
  shapes.set(file, shape);
  return shape;
}

// The `"name"?: type;` members of a body starting at `from` (just after its "{"), up to its closing "}",
// where a type may span lines and nest ({ [key: string]: X; }, Array<{ ... }>).
function parseFields(text, from) {
  const fields = new Map();
  let depth = 0, start = from;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === "{" || c === "<" || c === "(") depth++;
    else if (c === ">" && text[i - 1] !== "=") depth--;
    else if (c === ")") depth--;
    else if (c === "}") { if (depth === 0) break; depth--; }
    else if (c === ";" && depth === 0) {
      const m = /^\s*"?([A-Za-z0-9_$\-.]+)"?\??:\s*([\s\S]*)$/.exec(text.slice(start, i));
      if (m) fields.set(m[1], m[2].trim());
      start = i + 1;
    }
  }
  return fields;
}

function resolveImport(fromFile, spec) {
  const base = spec.startsWith(".") ? join(dirname(fromFile), spec) : join(modules, spec);
  return base.replace(/\.js$/, "") + ".d.ts";
}

// Walks `value` against the type text `type` declared in `shape`'s file; pushes unknown fields to `errors`.
function walkType(value, type, shape, path, errors) {
  if (value === null || value === undefined) return;
  let m;
  if ((m = /^Array<(.+)>$/s.exec(type))) {
    if (Array.isArray(value)) value.forEach((v, k) => walkType(v, m[1].trim(), shape, `${path}[${k}]`, errors));
    return;
  }
  if ((m = /^\{\s*\[key: string\]:\s*(.+?);?\s*\}$/s.exec(type))) {
    if (typeof value === "object") for (const [k, v] of Object.entries(value)) walkType(v, m[1].trim(), shape, `${path}.${k}`, errors);
    return;
  }
  if (type.startsWith("{")) { // an inline object type, e.g. the StatefulSet's volumeClaimTemplates
    if (typeof value === "object" && !Array.isArray(value)) {
      walkObject(value, { fields: parseFields(type, 1), imports: shape.imports, file: shape.file }, path, errors);
    }
    return;
  }
  if (shape.imports.has(type)) {
    const file = resolveImport(shape.file, shape.imports.get(type));
    if (!existsSync(file)) { errors.push(`${path}: cannot read the declaration of ${type} (${file})`); return; }
    const target = shapeOf(file);
    if (target && typeof value === "object" && !Array.isArray(value)) walkObject(value, target, path, errors);
    return;
  }
  if (/^I[A-Z]\w*$/.test(type)) errors.push(`${path}: type ${type} is not imported in ${shape.file}: the walker cannot check it`);
  // string, number, boolean, unions and aliases (IntOrString, Quantity, Time): leaves, checked by the schema.
}

function walkObject(obj, shape, path, errors) {
  for (const [key, value] of Object.entries(obj)) {
    if (!shape.fields.has(key)) {
      errors.push(`${path}.${key}: unknown field (not in ${shape.file.split("node_modules/")[1]})`);
      continue;
    }
    walkType(value, shape.fields.get(key), shape, `${path}.${key}`, errors);
  }
}

// --- main --------------------------------------------------------------------------------------------------
let passed = 0, failed = 0;
for (const file of process.argv.slice(2)) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length) { failed++; console.log(`FAIL  ${file}: YAML: ${doc.errors[0].message}`); continue; }
    const obj = doc.toJS();
    if (obj === null) continue;
    const name = `${obj.apiVersion ?? "?"} ${obj.kind ?? "?"} ${obj.metadata?.namespace ? obj.metadata.namespace + "/" : ""}${obj.metadata?.name ?? "?"}`;
    const problems = [];
    const js = obj.apiVersion && obj.kind ? modelPath(obj.apiVersion, obj.kind) : null;
    if (!js || !existsSync(js)) {
      problems.push(`no Kubernetes schema for apiVersion ${obj.apiVersion} kind ${obj.kind}`);
    } else {
      const mod = await import(js);
      const Model = mod[obj.kind];
      try {
        new Model(obj).validate();
      } catch (e) {
        problems.push(`schema: ${e.message}`);
      }
      const shape = shapeOf(js.replace(/\.js$/, ".d.ts"));
      walkObject(obj, shape, "", problems);
    }
    if (problems.length) {
      failed++;
      console.log(`FAIL  ${file}: ${name}`);
      for (const p of problems) console.log(`        ${p}`);
    } else {
      passed++;
      console.log(`ok    ${file}: ${name}`);
    }
  }
}
console.log(`k8s-validate: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
