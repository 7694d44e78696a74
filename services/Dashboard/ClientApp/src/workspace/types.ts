// The records' shapes, generated at build (records.ts) from the gateway's OpenAPI document, gateway/openapi.json.
import type { components } from "./records";

type Schemas = components["schemas"];
export type Place = Schemas["PlaceEntry"];
export type Agreement = Schemas["AgreementDetails"];
export type Visit = Schemas["VisitDetails"];
export type PlanItem = Schemas["PlanItemView"];
export type ProgrammeItem = Schemas["ProgrammeItem"];
export type HistoryEntry = Schemas["HistoryEntry"];
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type RegisterAgreement = Schemas["RegisterAgreementRequest"];
export type PlanVisit = Schemas["PlanVisitRequest"];
export type RecordDocument = Schemas["RecordDocumentRequest"];
export type CompleteVisit = Schemas["CompleteVisitRequest"];
export type RescheduleVisit = Schemas["RescheduleVisitRequest"];
export type CancelVisit = Schemas["CancelVisitRequest"];
export type TerminateAgreement = Schemas["TerminateAgreementRequest"];
export type ExtendAgreement = Schemas["ExtendAgreementRequest"];
export type SheetImportResult = Schemas["SheetImportResult"];
