// Every kind of record the workspace lists, shows and registers, in the order of its sections.
import type { Dict } from "../../i18n";
import type { Words } from "../words";
import { agreements, commissions } from "./agreements";
import { exchanges, occasions, visitCounts } from "./delegations";
import type { Kind, KindName } from "./kind";
import { companies, projects, tradeReports } from "./trade";
import { visits } from "./visits";

export { KIND_NAMES, type Context, type Kind, type KindName } from "./kind";

export const catalogue = (w: Words, t: Dict): Record<KindName, Kind> => ({
  agreements: agreements(w, t), visits: visits(w, t), "trade-reports": tradeReports(w, t), projects: projects(w),
  companies: companies(w), "visit-counts": visitCounts(w), occasions: occasions(w, t), exchanges: exchanges(w, t), commissions: commissions(w, t),
});
