export { camelToSnake, snakeToCamel, toKerasJson, fromKerasJson, parseJsonSafely, VERBATIM_CHILDREN } from './case.js';
export type { Json } from './case.js';
export { Registry, classNameOf, normalizeIdentifier, registerKerasSerializable, getRegisteredName, getCustomObject } from './registry.js';
export type { CustomObjects, RegistryOptions, Serializable, SerializableClass, SerializedObject } from './registry.js';
