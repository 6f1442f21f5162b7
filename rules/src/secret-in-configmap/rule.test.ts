import { RuleTester } from "@statelint/core/testing";
import { readFixture } from "../test-support.js";
import rule from "./rule.js";

const configMap = (data: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: db-config
data:
${data}`;

new RuleTester().run(rule, {
  valid: [
    { name: "fixture: settings, a password file path and a URL without password", code: readFixture("secret-in-configmap", "quiet.yaml") },
    {
      name: "setting keys that mention passwords, tokens and secrets",
      code: configMap(`  password_encryption: scram-sha-256
  auth_method: md5
  existingSecret: pg-credentials
  tokenTTL: 1h
  ALLOW_EMPTY_PASSWORD: "yes"
  REDIS_PASSWORD: ""
`),
    },
    {
      name: "redis.conf with the stock commented requirepass, my.cnf password policy, a public certificate",
      code: configMap(`  redis.conf: |
    appendonly yes
    # requirepass foobared
    masterauth ""
  my.cnf: |
    [mysqld]
    validate_password.policy=MEDIUM
    password_history=5
    default_authentication_plugin=mysql_native_password
  ca.crt: |
    -----BEGIN CERTIFICATE-----
    MIIBszCCAVmgAwIBAgIUQ
    -----END CERTIFICATE-----
`),
    },
    {
      name: "a Helm-style reference left for envsubst",
      code: configMap(`  application.yaml: |
    spring:
      datasource:
        password: \${DB_PASSWORD}
`),
    },
  ],
  invalid: [
    {
      name: "fixture: seed ConfigMap with the password and a URL carrying it",
      code: readFixture("secret-in-configmap", "fires.yaml"),
      errors: [
        {
          messageId: "secretKey",
          line: 10,
          column: 3,
          endLine: 10,
          endColumn: 20,
          message:
            'ConfigMap "postgres-config" key "POSTGRES_PASSWORD" looks like a secret and holds a literal value; ConfigMaps are neither access-restricted nor encrypted, so move it to a Secret.',
        },
        { messageId: "credentialValue", line: 11, column: 17, data: { configMap: "postgres-config", key: "DATABASE_URL", what: "a password in a postgresql connection URL" } },
      ],
    },
    {
      name: "redis requirepass, my.cnf client password, a private key and an AWS key",
      code: configMap(`  redis.conf: |
    appendonly yes
    requirepass foobared
  my.cnf: |
    [client]
    user=root
    password = "r00t"
  tls.key: |
    -----BEGIN EC PRIVATE KEY-----
    MHcCAQEEIBkg
    -----END EC PRIVATE KEY-----
  backup.env: "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE"
  redisPassword: foobared
`),
      errors: [
        { messageId: "credentialValue", line: 6, column: 15, data: { configMap: "db-config", key: "redis.conf", what: "a literal `requirepass` on line 2 of its value" } },
        { messageId: "credentialValue", line: 9, column: 11, data: { configMap: "db-config", key: "my.cnf", what: "a literal `password` on line 3 of its value" } },
        { messageId: "credentialValue", line: 13, column: 12, data: { configMap: "db-config", key: "tls.key", what: "a PEM private key on line 1 of its value" } },
        { messageId: "credentialValue", line: 17, column: 15, data: { configMap: "db-config", key: "backup.env", what: "an AWS access key id" } },
        { messageId: "secretKey", line: 18, column: 3 },
      ],
    },
    {
      name: "namePatterns replaces the defaults",
      code: configMap(`  LICENSE_KEY: ABCD-1234
  POSTGRES_PASSWORD: hunter2
`),
      options: { namePatterns: ["LICENSE"] },
      errors: [{ messageId: "secretKey", line: 6, column: 3 }],
    },
  ],
});
