/** `.lockstep` plan files: the container format (docs/file-format.md), export and import. */
export {
  FORMAT_NAME,
  FORMAT_VERSION,
  MAGIC,
  MAX_FILE_BYTES,
  HEADER_BYTES,
  MAX_MANIFEST_BYTES,
  ManifestSchema,
  decodeContainer,
  encodeContainer,
  sha256Hex,
  type PlanFileError,
  type PlanFileErrorCode,
  type PlanFileManifest,
  type DecodedContainer,
} from './container';
export { exportPlanFile, planFileName, readPlanFile, type ExportMeta, type ReadPlanFile } from './planFile';
export { importPlanFile, type ImportError, type ImportMode, type ImportOptions, type ImportedPlan } from './importPlanFile';

export { savePlanFile, pickAndImportPlanFile, importOpenedFile, PLAN_FILE_DIALOG_FILTERS, type PickAndImport } from './actions';
