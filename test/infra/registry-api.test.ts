import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { RegistryApi } from '../../infra/constructs/registry-api.js';
import { ROUTES, type RouteGroup } from '../../functions/routes.js';
import { routeKey, type Route } from '../../lib/api/route.js';

// The construct on its own, one function serving every group: a route that needs a token next to the public ones.
const guarded: Route<'health'> = { method: 'POST', path: '/api/v1/things/{id}', operation: 'thing', group: 'health', role: 'writer', summary: 'test only', response: { status: 200 } };
const jwt = { issuer: 'https://issuer.example.com/pool', audience: ['client-1', 'client-2'] };

function build(routes: readonly Route<RouteGroup>[]) {
  const stack = new Stack(new App(), 'Test');
  const fn = new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => ({})') });
  const functions = Object.fromEntries([...new Set(routes.map((r) => r.group))].map((g) => [g, fn]));
  const basicAuthorizer = new Function(stack, 'Authorizer', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => ({})') });
  new RegistryApi(stack, 'Api', { functions, jwt, routes, basicAuthorizer });
  return Template.fromStack(stack);
}

describe('RegistryApi', () => {
  const template = build([...ROUTES, guarded]);
  const route = (r: Route) => Object.values(template.findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey(r) } }))[0]!.Properties;

  it('puts the JWT authorizer of the given issuer and audience on a route that needs a role', () => {
    const [authorizerId, authorizer] = Object.entries(template.findResources('AWS::ApiGatewayV2::Authorizer', { Properties: { AuthorizerType: 'JWT' } }))[0]!;
    expect(authorizer.Properties).toMatchObject({
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Issuer: jwt.issuer, Audience: jwt.audience },
    });
    expect(route(guarded)).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: authorizerId } });
  });

  it('puts the uncached Lambda authorizer, answering simply, on the routes that accept HTTP Basic', () => {
    const basic = ROUTES.filter((r) => r.wire?.basicAuth);
    expect(basic.length).toBeGreaterThan(0);
    const [authorizerId, authorizer] = Object.entries(template.findResources('AWS::ApiGatewayV2::Authorizer', { Properties: { AuthorizerType: 'REQUEST' } }))[0]!;
    expect(authorizer.Properties).toMatchObject({
      IdentitySource: ['$request.header.Authorization'],
      EnableSimpleResponses: true,
      AuthorizerPayloadFormatVersion: '2.0',
      AuthorizerResultTtlInSeconds: 0,
    });
    for (const r of basic) expect(route(r)).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: authorizerId } });
  });

  it('refuses a route that accepts HTTP Basic when no Lambda authorizer is given, naming the fix', () => {
    const stack = new Stack(new App(), 'NoBasic');
    const fn = new Function(stack, 'Fn', { runtime: Runtime.NODEJS_22_X, handler: 'index.handler', code: Code.fromInline('exports.handler = async () => ({})') });
    const basic = ROUTES.find((r) => r.wire?.basicAuth)!;
    expect(() => new RegistryApi(stack, 'Api', { functions: { [basic.group]: fn }, jwt, routes: [basic] })).toThrow(/accepts HTTP Basic.*give RegistryApi a basicAuthorizer/);
  });

  it('leaves public routes without an authorizer', () => {
    for (const r of ROUTES.filter((x) => x.role === 'public')) {
      expect(route(r).AuthorizationType).toBe('NONE');
      expect(route(r).AuthorizerId).toBeUndefined();
    }
  });

  it('shares one integration among the routes of a group', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Integration', new Set([...ROUTES, guarded].map((r) => r.group)).size);
  });

  it('refuses a route whose group has no function, naming the fix', () => {
    const stack = new Stack(new App(), 'Orphan');
    expect(() => new RegistryApi(stack, 'Api', { functions: {}, jwt, routes: [guarded] })).toThrow(/group "health", which has no function; list its group module in functions\/routes.ts/);
  });
});
