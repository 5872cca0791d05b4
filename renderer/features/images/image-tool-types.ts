export type {
  CredentialStorage,
  ImageHistory,
  ImageRelations,
  LayerFiles,
  PrunePreview,
  PruneResult,
  RegistryAccount,
  HistoryEntry,
  LayerFile,
  ImageSummaryDetail as ImageInspectSummary,
} from '../../../shared/image-types.js';
