import { useMemo } from 'react';
import { makeRuleCatalogue, type FactDefinition, type RuleCatalogue, type RuleFactDefinition } from '@yuanqi/contract';
import { useDictionary } from '../dictionaries/useDictionary';
import { useFactDefinitions } from './api';

function toRuleFact(d: FactDefinition): RuleFactDefinition {
  return {
    key: d.key,
    label: d.label,
    type: d.type,
    ...(d.unit ? { unit: d.unit } : {}),
    ...(d.unit === 'count' && d.countWord ? { countWord: d.countWord } : {}),
    period: d.period,
    ...(d.options && d.options.length > 0 ? { options: d.options } : {}),
    ...(d.description ? { description: d.description } : {}),
  };
}

/**
 * The park's rule catalogue as the server validates against it: registry fields, the builtin
 * and park-defined facts (from /api/fact-definitions), and the tag and chain dictionaries.
 */
export function useRuleCatalogue(enabled = true): { catalogue: RuleCatalogue | null; loading: boolean; error: unknown; definitions: FactDefinition[] } {
  const defs = useFactDefinitions(enabled);
  const tags = useDictionary('tag', enabled);
  const chains = useDictionary('chain', enabled);
  const catalogue = useMemo(() => {
    if (!defs.data) return null;
    return makeRuleCatalogue({
      facts: defs.data.filter((d) => d.active).map(toRuleFact),
      tags: tags.items.length > 0 ? tags.items.map((t) => ({ value: t.code, label: t.label })) : undefined,
      chains: chains.items.map((c) => ({ value: c.code, label: c.label })),
    });
  }, [defs.data, tags.items, chains.items]);
  return { catalogue, loading: defs.isLoading || tags.isLoading, error: defs.error, definitions: defs.data ?? [] };
}
