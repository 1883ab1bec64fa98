import type { InputField, InputSchema } from "./replicate-schemas.js";

/** One entry of a 422's `invalid_fields`, as Replicate's JSON-schema check words it. */
export interface InvalidField {
  type: "required" | "invalid_type" | "enum" | "number_gte" | "number_lte";
  field: string;
  description: string;
}

export interface InputCheck {
  invalid: InvalidField[];
  /** Fields the model has no input for: Replicate drops them without a word (and so does the fake). */
  ignored: string[];
}

/** JSON Schema's name for a value's type. */
function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function typeMatches(field: InputField, value: unknown): boolean {
  const type = jsonType(value);
  switch (field.type) {
    case "string[]":
      return type === "array";
    case "number":
      return type === "number" || type === "integer";
    default:
      return type === field.type;
  }
}

function checkField(name: string, field: InputField, value: unknown): InvalidField[] {
  const at = `input.${name}`;
  if (!typeMatches(field, value)) {
    const expected = field.type === "string[]" ? "array" : field.type;
    const description = `Invalid type. Expected: ${expected}, given: ${jsonType(value)}`;
    return [{ type: "invalid_type", field: at, description }];
  }
  if (field.type === "string[]") {
    return (value as unknown[]).flatMap((item, i) => checkField(`${name}.${i}`, { type: "string" }, item));
  }
  const allowed: readonly unknown[] | undefined = "enum" in field ? field.enum : undefined;
  if (allowed && !allowed.includes(value)) {
    const list = allowed.map((option) => JSON.stringify(option)).join(", ");
    return [{ type: "enum", field: at, description: `${at} must be one of the following: ${list}` }];
  }
  if (field.type === "integer" || field.type === "number") {
    const n = value as number;
    if (field.minimum !== undefined && n < field.minimum)
      return [{ type: "number_gte", field: at, description: `Must be greater than or equal to ${field.minimum}` }];
    if (field.maximum !== undefined && n > field.maximum)
      return [{ type: "number_lte", field: at, description: `Must be less than or equal to ${field.maximum}` }];
  }
  return [];
}

/** Checks a prediction's `input` against its model's schema, as Replicate does before it runs anything. */
export function checkInput(schema: InputSchema, input: Record<string, unknown>): InputCheck {
  const invalid: InvalidField[] = schema.required
    .filter((name) => input[name] === undefined)
    .map((name) => ({ type: "required", field: "input", description: `${name} is required` }));
  const ignored: string[] = [];
  for (const [name, value] of Object.entries(input)) {
    const field = schema.properties[name];
    if (!field) ignored.push(name);
    else invalid.push(...checkField(name, field, value));
  }
  return { invalid, ignored };
}

/** The 422 Replicate answers for an input its model refuses. */
export function invalidInputBody(invalid: InvalidField[]) {
  const detail = invalid.map((f) => `- ${f.field}: ${f.description}\n`).join("");
  return { title: "Input validation failed", detail, status: 422, invalid_fields: invalid };
}
