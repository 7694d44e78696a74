// The workspace's addresses, so that each list, record and form has one that can be reloaded, shared and opened in a
// second tab: /workspace/?tab=visits&q=..., /workspace/{kind}/{id} (/workspace/agreements/{id}), /workspace/new/{kind},
// /workspace/sheets?kind=visits.
import { useEffect, useState } from "preact/hooks";
import { KIND_NAMES, type KindName } from "./kinds/kind";

export type Route =
  | { page: "list"; kind: KindName; query: URLSearchParams }
  | { page: "record"; kind: KindName; id: string }
  | { page: "new"; kind: KindName }
  | { page: "sheets"; kind: string | null };

const kindOf = (name: string | null | undefined): KindName | null => KIND_NAMES.find(k => k === name) ?? null;

export function parse(location: Location): Route {
  const parts = location.pathname.replace(/^\/workspace\/?/, "").split("/").filter(Boolean);
  const query = new URLSearchParams(location.search);
  if (parts[0] === "sheets") return { page: "sheets", kind: query.get("kind") };
  const newKind = parts[0] === "new" ? kindOf(parts[1]) : null;
  if (newKind) return { page: "new", kind: newKind };
  const kind = kindOf(parts[0]);
  if (kind && parts[1]) return { page: "record", kind, id: parts[1] };
  return { page: "list", kind: kindOf(query.get("tab")) ?? "agreements", query };
}

const CHANGED = "workspace-route";

/** Goes to an address of the workspace without reloading the page (replace: without a new entry in the history). */
export function go(path: string, replace = false) {
  if (replace) history.replaceState(null, "", path); else history.pushState(null, "", path);
  dispatchEvent(new Event(CHANGED));
  if (!replace) scrollTo(0, 0);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location));
  useEffect(() => {
    const update = () => setRoute(parse(location));
    addEventListener("popstate", update);
    addEventListener(CHANGED, update);
    return () => { removeEventListener("popstate", update); removeEventListener(CHANGED, update); };
  }, []);
  return route;
}

/** A link inside the workspace: a real link (opens in a new tab with the middle button), followed here without a reload. */
export function linkProps(path: string) {
  return {
    href: path,
    onClick: (e: MouseEvent) => {
      if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
      e.preventDefault();
      go(path);
    },
  };
}
