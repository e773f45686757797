// huggingface_hub's download API and cache layout, shared with Python.
export { hf_hub_download, hf_hub_url, get_hf_file_metadata, try_to_load_from_cache, repo_folder_name, type DownloadOptions, type HfFileMetadata } from "./file_download.js";
export { HF_ENDPOINT, HF_HOME, HF_HUB_CACHE, HF_HUB_OFFLINE, get_token } from "./constants.js";
export * from "./errors.js";
