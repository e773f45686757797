// Error classes named like Python's, so users and tests can branch on them (api-conventions.md).
export class ValueError extends Error {
  override name = "ValueError";
}
export class KeyError extends Error {
  override name = "KeyError";
}
export class NotImplementedError extends Error {
  override name = "NotImplementedError";
}
export class RuntimeError extends Error {
  override name = "RuntimeError";
}
export class FileNotFoundError extends Error {
  override name = "FileNotFoundError";
}
export class OSError extends Error {
  override name = "OSError";
}
