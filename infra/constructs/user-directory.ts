/**
 * The Cognito user pool that issues the API's tokens when no external issuer is configured. Membership in
 * a workspace is a group named `{workspace_id}:{role}`; the ID and access tokens carry the user's groups in
 * `cognito:groups`, which the handlers read. Only administrators create users and groups.
 */
import { Aws, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { AccountRecovery, FeaturePlan, Mfa, UserPool, UserPoolClient, UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

export interface UserDirectoryProps {
  /**
   * Groups `{workspace_id}:{role}` created with the pool, e.g. `acme:admin`; more can be added later with
   * `aws cognito-idp create-group`.
   * @default - none
   */
  readonly bootstrapGroups?: readonly string[];
  /**
   * Prefix of the hosted UI's domain, `https://{prefix}.auth.{region}.amazoncognito.com`, where the web
   * console signs people in; unique per region across all AWS accounts.
   * @default `{stack name, lowercased}-{account id}`
   */
  readonly domainPrefix?: string;
}

export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The `iss` claim of the pool's tokens. */
  readonly issuer: string;
  /** Accepted `aud` (ID token) / `client_id` (access token) values. */
  readonly audience: string[];
  /** The hosted UI (the console's sign-in page); its app client lives with the API, which owns the callback URL. */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, props: UserDirectoryProps = {}) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Threat protection needs the Plus plan, billed per monthly active user: see the acknowledgement below.
      featurePlan: FeaturePlan.ESSENTIALS,
      // Users and their group memberships are state like the table's items.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG2',
        reason: 'MFA is optional (TOTP): scripts and CI obtain tokens with ADMIN_USER_PASSWORD_AUTH, which a required second factor would block; people can enrol TOTP.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason: 'The Plus feature plan (threat protection) is billed per monthly active user, against the aim of no cost at rest; sign-up is closed and passwords are strong. Switch featurePlan to PLUS to enable it.',
      },
    );

    this.client = this.userPool.addClient('ApiClient', {
      // A public client: the CLI and browser apps cannot keep a secret.
      generateSecret: false,
      authFlows: { adminUserPassword: true, userSrp: true },
      // No hosted UI is configured (it needs a domain and callback URLs), so no OAuth flows either.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      enableTokenRevocation: true,
    });

    for (const groupName of props.bootstrapGroups ?? []) {
      this.userPool.addGroup(`Group-${groupName}`, { groupName, description: `Role ${groupName.split(':')[1]} in workspace ${groupName.split(':')[0]}` });
    }

    const stack = Stack.of(this);
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix ?? `${stack.stackName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}-${stack.account}` },
    });

    // Spelled out as the CDK's HttpUserPoolAuthorizer does, with the partition's URL suffix.
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.${Aws.URL_SUFFIX}/${this.userPool.userPoolId}`;
    this.audience = [this.client.userPoolClientId];
  }
}
