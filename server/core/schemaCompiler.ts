// One ajv instance, each profile's schema compiled once (compiling is the expensive part, validating is cheap).
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

let ajv: Ajv | undefined;
const compiled = new WeakMap<object, ValidateFunction>();

function instance(): Ajv {
  if (!ajv) {
    // allErrors: one pass reports every wrong field of a line. strict off: user schemas may carry
    // annotations ajv does not know; our own block is declared as a keyword so it is accepted explicitly.
    ajv = new Ajv({ allErrors: true, strict: false, validateSchema: true });
    addFormats(ajv);
    ajv.addKeyword({ keyword: 'x-tts-batch', schemaType: 'object' });
  }
  return ajv;
}

/** The compiled validator of a schema; throws with ajv's message when the schema is not valid JSON Schema. */
export function compileSchema(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    const copy = { ...(schema as Record<string, unknown>) };
    // Two user schemas may share an $id; the profile id already names them, so ajv need not.
    delete copy.$id;
    delete copy.$schema;
    v = instance().compile(copy);
    compiled.set(schema, v);
  }
  return v;
}
