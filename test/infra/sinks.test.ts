/**
 * The sink grants of a deployment (context `sinks`): exactly the functions that apply migrations may read
 * exactly the granted secrets and call the Data API on exactly the granted clusters, and know the grants.
 */
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_GROUPS, type RouteGroup } from '../../functions/routes.js';
import { DATA_API_ACTIONS } from '../../infra/constructs/sink-access.js';
import { WORKERS } from '../../infra/workers.js';
import { logicalId, synthRegistry, type SynthesizedRegistry } from './synth.js';

const SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:acme-db-AbCdEf';
const CLUSTER = 'arn:aws:rds:eu-west-1:123456789012:cluster:acme';
const grants = { acme: [CLUSTER, SECRET] };

let r: SynthesizedRegistry;
beforeAll(() => {
  r = synthRegistry({ 'aws:cdk:bundling-stacks': [], sinks: JSON.stringify(grants) }, WORKERS);
});

type Statement = { Action: string | string[]; Resource: unknown };
/** The IAM statements and environment of one function, by its logical id. */
function fnOf(id: string): { statements: Statement[]; environment: Record<string, unknown> } {
  const resources = r.apiTemplate.toJSON().Resources as Record<string, { Type: string; Properties: any }>;
  const fn = resources[id]!;
  const roleId = fn.Properties.Role['Fn::GetAtt'][0];
  const statements = Object.values(resources)
    .filter((x) => x.Type === 'AWS::IAM::Policy' && x.Properties.Roles.some((role: { Ref: string }) => role.Ref === roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
  return { statements, environment: fn.Properties.Environment?.Variables ?? {} };
}
const sinkStatements = (s: Statement[]) => s.filter((x) => [x.Action].flat().some((a) => a.startsWith('secretsmanager:') || a.startsWith('rds-data:')));

describe('with sink grants', () => {
  const applying = (Object.keys(ROUTE_GROUPS) as RouteGroup[]).filter((g) => ROUTE_GROUPS[g].sinks);

  it('lets the applying route groups and the auto-approval worker read the granted secret and use the granted cluster, and nothing else', () => {
    expect(applying.sort()).toEqual(['migrations', 'schema-requests']);
    const ids = [...applying.map((g) => logicalId(r.api, r.api.functions[g].function)), logicalId(r.api, r.api.workers.get('AutoApproval')!.function.function)];
    for (const id of ids) {
      const { statements, environment } = fnOf(id);
      expect(sinkStatements(statements), id).toEqual([
        expect.objectContaining({ Action: 'secretsmanager:GetSecretValue', Resource: SECRET }),
        expect.objectContaining({ Action: [...DATA_API_ACTIONS], Resource: CLUSTER }),
      ]);
      expect(JSON.parse(environment.SINK_GRANTS as string)).toEqual(grants);
    }
  });

  it('gives no other function any sink access or the grants', () => {
    const others = (Object.keys(ROUTE_GROUPS) as RouteGroup[]).filter((g) => !applying.includes(g)).map((g) => logicalId(r.api, r.api.functions[g].function));
    others.push(logicalId(r.api, r.api.workers.get('StreamProcessor')!.function.function));
    for (const id of others) {
      const { statements, environment } = fnOf(id);
      expect(sinkStatements(statements), id).toEqual([]);
      expect(environment.SINK_GRANTS, id).toBeUndefined();
    }
  });

  it('passes cdk-nag', () => {
    expect(new AwsSolutionsChecks().validateScope(r.app).violations).toEqual([]);
  });
});
