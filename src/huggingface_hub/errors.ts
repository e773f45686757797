// huggingface_hub.errors: the exceptions users branch on, all OSError subclasses as in Python.
import { OSError } from "../utils/errors.js";

export class HfHubHTTPError extends OSError {
  override name = "HfHubHTTPError";
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}
export class RepositoryNotFoundError extends HfHubHTTPError {
  override name = "RepositoryNotFoundError";
}
export class GatedRepoError extends RepositoryNotFoundError {
  override name = "GatedRepoError";
}
export class RevisionNotFoundError extends HfHubHTTPError {
  override name = "RevisionNotFoundError";
}
export class EntryNotFoundError extends HfHubHTTPError {
  override name = "EntryNotFoundError";
}
export class LocalEntryNotFoundError extends OSError {
  override name = "LocalEntryNotFoundError";
}
