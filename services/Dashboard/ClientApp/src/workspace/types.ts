// The records' shapes, generated at build (records.ts) from the gateway's OpenAPI document, gateway/openapi.json.
import type { components } from "./records";

type Schemas = components["schemas"];
export type Place = Schemas["PlaceEntry"];
export type Agreement = Schemas["AgreementDetails"];
export type Commission = Schemas["CommissionDetails"];
export type Visit = Schemas["VisitDetails"];
export type VisitCount = Schemas["VisitCountDetails"];
export type Occasion = Schemas["OccasionDetails"];
export type Exchange = Schemas["ExchangeDetails"];
export type TradeReport = Schemas["TradeReportDetails"];
export type Project = Schemas["InvestmentProjectDetails"];
export type CompanyCount = Schemas["CompanyCountDetails"];
export type PlanItem = Schemas["PlanItemView"];
export type ProgrammeItem = Schemas["ProgrammeItem"];
export type HistoryEntry = Schemas["HistoryEntry"];
export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
export type RegisterAgreement = Schemas["RegisterAgreementRequest"];
export type FormCommission = Schemas["FormCommissionRequest"];
export type PlanVisit = Schemas["PlanVisitRequest"];
export type CountVisits = Schemas["CountVisitsRequest"];
export type RegisterOccasion = Schemas["RegisterOccasionRequest"];
export type RecordExchange = Schemas["RecordExchangeRequest"];
export type FileReport = Schemas["FileReportRequest"];
export type RegisterProject = Schemas["RegisterProjectRequest"];
export type CountCompanies = Schemas["CountCompaniesRequest"];
export type SheetImportResult = Schemas["SheetImportResult"];
