// torch.utils.data
export { Dataset, TensorDataset, asMapStyle, type MapStyleDataset, type DatasetLike } from "./dataset.js";
export { SequentialSampler, RandomSampler, BatchSampler, type Sampler } from "./sampler.js";
export { default_collate } from "./collate.js";
export { DataLoader, type DataLoaderOptions } from "./dataloader.js";
