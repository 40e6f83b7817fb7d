import { RESOURCES, type Resource } from "@dataportability/core";
import { RESOURCE_DESCRIPTIONS } from "@dataportability/spec";
import { useId, useState } from "react";

const product = (resource: Resource) => resource.split(".")[0] ?? resource;

const GROUPS: [string, Resource[]][] = [];
for (const resource of RESOURCES) {
  const group = GROUPS.find(([name]) => name === product(resource));
  if (group) group[1].push(resource);
  else GROUPS.push([product(resource), [resource]]);
}

export function ResourcePicker({
  selected,
  onChange,
  disabled,
}: {
  selected: readonly Resource[];
  onChange(next: Resource[]): void;
  disabled: boolean;
}) {
  const [filter, setFilter] = useState("");
  const filterId = useId();
  const needle = filter.trim().toLowerCase();
  const toggle = (resource: Resource, on: boolean) =>
    onChange(on ? [...selected, resource] : selected.filter((r) => r !== resource));

  return (
    <fieldset className="picker" disabled={disabled}>
      <legend>
        {selected.length} of {RESOURCES.length} resource groups selected
      </legend>
      <label htmlFor={filterId}>Filter </label>
      <input
        id={filterId}
        type="search"
        value={filter}
        placeholder="youtube, maps, chrome…"
        onChange={(e) => setFilter(e.target.value)}
      />
      {GROUPS.map(([name, resources]) => {
        const shown = resources.filter(
          (r) =>
            !needle ||
            r.includes(needle) ||
            RESOURCE_DESCRIPTIONS[r].toLowerCase().includes(needle),
        );
        if (shown.length === 0) return null;
        return (
          <details key={name} open={Boolean(needle) || shown.some((r) => selected.includes(r))}>
            <summary>
              {name} <small>({shown.length})</small>
            </summary>
            <ul>
              {shown.map((resource) => (
                <li key={resource}>
                  <label title={RESOURCE_DESCRIPTIONS[resource]}>
                    <input
                      type="checkbox"
                      name="resource"
                      value={resource}
                      checked={selected.includes(resource)}
                      onChange={(e) => toggle(resource, e.target.checked)}
                    />{" "}
                    <code>{resource}</code> <small>{RESOURCE_DESCRIPTIONS[resource]}</small>
                  </label>
                </li>
              ))}
            </ul>
          </details>
        );
      })}
    </fieldset>
  );
}
