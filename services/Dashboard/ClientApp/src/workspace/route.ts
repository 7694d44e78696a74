// The workspace's addresses, so that each list, record and form has one that can be reloaded, shared and opened in a
// second tab: /workspace/?tab=visits&q=..., /workspace/agreements/{id}, /workspace/visits/{id}, /workspace/new/agreement, /workspace/sheets?kind=visits.
import { useEffect, useState } from "preact/hooks";

export type Route =
  | { page: "list"; tab: "agreements" | "visits"; query: URLSearchParams }
  | { page: "agreement" | "visit"; id: string }
  | { page: "new-agreement" | "new-visit" }
  | { page: "sheets"; kind: string | null };

export function parse(location: Location): Route {
  const parts = location.pathname.replace(/^\/workspace\/?/, "").split("/").filter(Boolean);
  const query = new URLSearchParams(location.search);
  if (parts[0] === "agreements" && parts[1]) return { page: "agreement", id: parts[1] };
  if (parts[0] === "visits" && parts[1]) return { page: "visit", id: parts[1] };
  if (parts[0] === "new" && parts[1] === "agreement") return { page: "new-agreement" };
  if (parts[0] === "new" && parts[1] === "visit") return { page: "new-visit" };
  if (parts[0] === "sheets") return { page: "sheets", kind: query.get("kind") };
  return { page: "list", tab: query.get("tab") === "visits" ? "visits" : "agreements", query };
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
