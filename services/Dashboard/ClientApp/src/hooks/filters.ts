// The region and partner the page is filtered by: read from the address at first, and written back to it (without a
// new history entry) whenever they change, so that a link or a reload shows the same view.
import { useEffect, useState } from "preact/hooks";

const initial = (name: string) => new URLSearchParams(location.search).get(name) ?? "";

export function useFilters() {
  const [region, setRegion] = useState(() => initial("region"));
  const [partner, setPartner] = useState(() => initial("partner"));

  useEffect(() => {
    const query = new URLSearchParams();
    if (region) query.set("region", region);
    if (partner) query.set("partner", partner);
    history.replaceState(null, "", `${location.pathname}${query.size ? `?${query}` : ""}`);
  }, [region, partner]);

  return { region, partner, setRegion, setPartner };
}
