// Where oasdiff's levels let a change through that breaks this API's clients, the gate raises them
// to breaking, saying why. Two holes, both about requests:
//   - A request field that becomes required (or a new required one) *with a default*: oasdiff calls
//     it non-breaking, since a server could fill the default in. But "required" in the contract means
//     a client that leaves it out gets 400, and clients written to the old spec leave it out.
//   - A request property removed from a *closed* object (`additionalProperties: false`, as every
//     object here is): oasdiff says "potentially breaking", but a closed object refuses unknown
//     properties, so every client still sending it gets 400. (From an open object it stays
//     potentially breaking: the server may simply ignore it.)

const BREAKING = 3;

/** oasdiff rule ids that make an existing client's request invalid whatever the default says. */
const REQUIRED_WITH_DEFAULT = new Set([
  'request-property-became-required-with-default',
  'new-required-request-property-with-default',
]);

/** Follows local `#/…` $refs in the bundled spec. */
function resolveRef(spec, value) {
  let current = value;
  for (
    let hops = 0;
    current && typeof current === 'object' && typeof current.$ref === 'string' && hops < 32;
    hops += 1
  ) {
    if (!current.$ref.startsWith('#/')) return undefined;
    current = current.$ref
      .slice(2)
      .split('/')
      .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((node, token) => node?.[token], spec);
  }
  return current;
}

/** The request property a change names: `sort`, or `filters/speakers` (oasdiff's own notation). */
function propertyPath(change) {
  const match = /`([^`]+)`/.exec(change.text ?? '');
  return match ? match[1].split('/') : undefined;
}

/**
 * The object schema that held the removed property in the base spec, or undefined when it cannot
 * be found (a request body that is not JSON, a path through oneOf, …).
 */
export function owningRequestSchema(baseSpec, change) {
  const segments = propertyPath(change);
  const operation = baseSpec?.paths?.[change.path]?.[String(change.operation ?? '').toLowerCase()];
  const requestBody = resolveRef(baseSpec, operation?.requestBody);
  let schema = resolveRef(baseSpec, requestBody?.content?.['application/json']?.schema);
  if (!segments || !schema) return undefined;
  for (const segment of segments.slice(0, -1)) {
    if (segment === 'items' && schema.items) schema = resolveRef(baseSpec, schema.items);
    else schema = resolveRef(baseSpec, schema.properties?.[segment]);
    if (!schema) return undefined;
  }
  return schema;
}

/** Why this change breaks clients though oasdiff rates it lower; undefined when its level stands. */
export function escalationReason(change, baseSpec) {
  if (change.level >= BREAKING) return undefined;
  if (REQUIRED_WITH_DEFAULT.has(change.id)) {
    return 'breaking here: a client that leaves a required field out gets 400, default or not, and clients written to the old spec leave it out';
  }
  if (
    change.id === 'request-property-removed' &&
    owningRequestSchema(baseSpec, change)?.additionalProperties === false
  ) {
    return 'breaking here: the object is closed (additionalProperties: false), so every client still sending the property gets 400';
  }
  return undefined;
}

/** oasdiff's changes with the holes above closed: each raised change says why in its text. */
export function applyBreakingRules(changes, baseSpec) {
  return changes.map((change) => {
    const reason = escalationReason(change, baseSpec);
    return reason
      ? { ...change, level: BREAKING, text: `${change.text} (${reason})`, escalatedFrom: change.level }
      : change;
  });
}
