// Environment-driven settings, read at call time (tests change them), as huggingface_hub's constants.
import os from "node:os";
import path from "node:path";

export function HF_ENDPOINT(): string {
  return (process.env.HF_ENDPOINT ?? "https://huggingface.co").replace(/\/+$/, "");
}
export function HF_HOME(): string {
  return process.env.HF_HOME ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "huggingface");
}
/** Where models--org--name folders live: HF_HUB_CACHE, else $HF_HOME/hub (shared with Python). */
export function HF_HUB_CACHE(): string {
  return process.env.HF_HUB_CACHE ?? process.env.HUGGINGFACE_HUB_CACHE ?? path.join(HF_HOME(), "hub");
}
function truthy(v: string | undefined): boolean {
  return v !== undefined && ["1", "ON", "YES", "TRUE"].includes(v.toUpperCase());
}
export function HF_HUB_OFFLINE(): boolean {
  return truthy(process.env.HF_HUB_OFFLINE) || truthy(process.env.TRANSFORMERS_OFFLINE);
}
/** HF_TOKEN, else the token file `huggingface-cli login` writes. */
export function get_token(): string | null {
  if (process.env.HF_TOKEN) return process.env.HF_TOKEN;
  if (process.env.HUGGING_FACE_HUB_TOKEN) return process.env.HUGGING_FACE_HUB_TOKEN;
  return null;
}
export const DEFAULT_REVISION = "main";
export type RepoType = "model" | "dataset" | "space";
