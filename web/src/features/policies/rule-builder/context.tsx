import { createContext, useContext, useMemo, type ReactNode } from 'react';
import {
  RuleDescriber,
  indexCatalogue,
  type CatalogueIndex,
  type Expr,
  type RuleCatalogue,
  type RuleOption,
  type RuleParam,
  type RuleUnit,
  type RuleValidationError,
} from '@yuanqi/contract';

export type RuleBuilderContextValue = {
  catalogue: RuleCatalogue;
  idx: CatalogueIndex;
  /** The rule's parameter table as it stands (possibly unfinished). */
  params: RuleParam[];
  errors: RuleValidationError[];
  disabled: boolean;
  tagOptions: RuleOption[];
  chainOptions: RuleOption[];
  /** Unit of an expression (money, percent, people…), from the catalogue and parameter table. */
  unitOf: (e: Expr | undefined) => RuleUnit | undefined;
  /** What a count expression counts (件 for patents), from its field or fact definition. */
  countWordOf: (e: Expr | undefined) => string | undefined;
};

const Ctx = createContext<RuleBuilderContextValue | null>(null);

function safeParams(params: RuleParam[]): RuleParam[] {
  // the describer reads values of every parameter: skip half-typed ones rather than crash
  return params.filter((p) => p && typeof p.key === 'string' && Array.isArray(p.values) && p.values.length > 0);
}

export function RuleBuilderProvider({
  catalogue,
  params,
  errors,
  disabled = false,
  children,
}: {
  catalogue: RuleCatalogue;
  params: RuleParam[];
  errors: RuleValidationError[];
  disabled?: boolean;
  children: ReactNode;
}) {
  const value = useMemo<RuleBuilderContextValue>(() => {
    const describer = new RuleDescriber(catalogue, safeParams(params));
    return {
      catalogue,
      idx: indexCatalogue(catalogue),
      params,
      errors,
      disabled,
      tagOptions: catalogue.tags ?? [],
      chainOptions: catalogue.chains ?? [],
      unitOf: (e) => {
        if (!e || typeof e !== 'object') return undefined;
        try {
          return describer.unitOf(e);
        } catch {
          return undefined;
        }
      },
      countWordOf: (e) => {
        if (!e || typeof e !== 'object') return undefined;
        try {
          return describer.countWordOf(e);
        } catch {
          return undefined;
        }
      },
    };
  }, [catalogue, params, errors, disabled]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useRuleBuilder(): RuleBuilderContextValue {
  const v = useContext(Ctx);
  if (!v) throw new Error('useRuleBuilder outside RuleBuilderProvider');
  return v;
}

/** Problems reported at this node itself or at one of its own (non-child) properties. */
export function useNodeErrors(path: string, ownProps: readonly string[] = []): string[] {
  const { errors } = useRuleBuilder();
  return useMemo(
    () =>
      errors
        .filter((e) => e.path === path || ownProps.some((p) => e.path === `${path}.${p}` || e.path.startsWith(`${path}.${p}.`)))
        .map((e) => e.message),
    [errors, path, ownProps],
  );
}

export function NodeErrors({ messages }: { messages: string[] }) {
  if (messages.length === 0) return null;
  return (
    <div className="yq-rule-errors" role="alert">
      {messages.map((m, i) => (
        <div key={i}>{m}</div>
      ))}
    </div>
  );
}
