/**
 * Secret detection: positives in every supported format, and negatives built from the false
 * positives real repositories are full of (documentation examples, placeholders, substitutions,
 * references to Secret names, SOPS ciphertext, base64 of ordinary text, certificates).
 */
import { describe, expect, it } from 'vitest';
import { detectSecrets } from '../../src/analysis/secrets/detectors.js';
import { B64, HEX, UPPER_DIGITS, jwt, pem, rand } from './fake.js';

interface Positive {
  name: string;
  text: string;
  /** Key the text is stored under (env var name, ConfigMap key…). */
  key?: string;
  detector: string;
  /** The secret part that must be covered by the match (default: the whole text). */
  secret?: string;
}

const rsa = pem('RSA PRIVATE KEY');
const embedded = pem('PRIVATE KEY');
const gcpLine = rand(64, B64);
const envSecret = rand(50, B64);
const gitPassword = rand(20);
const dockerAuth = Buffer.from(`kfm-bot:${rand(24)}`).toString('base64');
const basicAuth = Buffer.from(`admin:${rand(16)}`).toString('base64');
const awsId = `AKIA${rand(16, UPPER_DIGITS)}`;
const awsSecret = rand(40, B64);
const gcpKey = `AIza${rand(35)}`;
const azureKey = `${rand(86, B64)}==`;
const sasKey = `${rand(43, B64)}=`;
const token = jwt();
const ghp = `ghp_${rand(36)}`;
const gho = `gho_${rand(36)}`;
const pat = `github_pat_${rand(22)}_${rand(59)}`;
const glpat = `glpat-${rand(20)}`;
const slack = `xoxb-${rand(11, '0123456789')}-${rand(12, '0123456789')}-${rand(24)}`;
const hook = rand(24);
const stripe = `sk_live_${rand(24)}`;
const stripeRestricted = `rk_live_${rand(24)}`;
const openai = `sk-proj-${rand(48)}`;
const anthropic = `sk-ant-api03-${rand(93)}`;
const sendgrid = `SG.${rand(22)}.${rand(43)}`;
const npm = `npm_${rand(36)}`;
const vault = `hvs.${rand(24)}`;
const doToken = `dop_v1_${rand(64, HEX)}`;
const mailgun = `key-${rand(32, HEX)}`;
const twilio = `SK${rand(16, HEX)}a1${rand(14, HEX)}`;
const gcpKeyId = rand(40, HEX);
const randomSecret = rand(32);
const clientSecret = rand(40);
const jwtSecret = rand(48, B64);
const hexToken = rand(40, HEX);

const positives: Positive[] = [
  { name: 'RSA private key (PEM)', text: rsa, detector: 'private-key' },
  { name: 'OpenSSH private key', text: pem('OPENSSH PRIVATE KEY'), detector: 'private-key' },
  { name: 'EC private key', text: pem('EC PRIVATE KEY', 3), detector: 'private-key' },
  { name: 'PKCS#8 private key', text: pem('PRIVATE KEY'), detector: 'private-key' },
  { name: 'encrypted private key (still a key file)', text: pem('ENCRYPTED PRIVATE KEY'), detector: 'private-key' },
  { name: 'private key embedded in text', text: `config: |\n  key: |\n${embedded.split('\n').map((l) => `    ${l}`).join('\n')}\n`, detector: 'private-key', secret: embedded.split('\n')[1] },
  { name: 'GCP service account JSON (escaped key)', text: `{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n${gcpLine}\\n${rand(64, B64)}\\n-----END PRIVATE KEY-----\\n"}`, detector: 'private-key', secret: gcpLine },
  { name: 'GCP service account private_key_id', text: `{"type": "service_account", "private_key_id": "${gcpKeyId}"}`, detector: 'gcp-service-account', secret: gcpKeyId },
  { name: 'AWS access key id', text: awsId, detector: 'aws-access-key-id' },
  { name: 'AWS temporary access key id', text: `ASIA${rand(16, UPPER_DIGITS)}`, detector: 'aws-access-key-id' },
  { name: 'AWS key id inside a credentials file', text: `[default]\naws_access_key_id = ${awsId}\n`, detector: 'aws-access-key-id', secret: awsId },
  { name: 'AWS secret access key', text: `aws_secret_access_key = ${awsSecret}`, detector: 'aws-secret-access-key', secret: awsSecret },
  { name: 'Google API key', text: gcpKey, detector: 'gcp-api-key' },
  { name: 'Azure storage connection string', text: `DefaultEndpointsProtocol=https;AccountName=kfmdata;AccountKey=${azureKey};EndpointSuffix=core.windows.net`, detector: 'azure-storage-key', secret: azureKey },
  { name: 'Azure Service Bus shared access key', text: `Endpoint=sb://kfm.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=${sasKey}`, detector: 'azure-sas-key', secret: sasKey },
  { name: 'JSON Web Token', text: `Bearer ${token}`, detector: 'jwt', secret: token },
  { name: 'GitHub personal access token (classic)', text: ghp, detector: 'github-token' },
  { name: 'GitHub OAuth token', text: gho, detector: 'github-token' },
  { name: 'GitHub fine-grained token', text: pat, detector: 'github-token' },
  { name: 'GitLab token', text: glpat, detector: 'gitlab-token' },
  { name: 'Slack bot token', text: slack, detector: 'slack-token' },
  { name: 'Slack webhook', text: `https://hooks.slack.com/services/T${rand(8, UPPER_DIGITS)}/B${rand(8, UPPER_DIGITS)}/${hook}`, detector: 'slack-webhook', secret: hook },
  { name: 'Stripe live secret key', text: stripe, detector: 'stripe-key' },
  { name: 'Stripe live restricted key', text: stripeRestricted, detector: 'stripe-key' },
  { name: 'OpenAI project key', text: openai, detector: 'openai-key' },
  { name: 'Anthropic API key', text: anthropic, detector: 'anthropic-key' },
  { name: 'SendGrid key', text: sendgrid, detector: 'sendgrid-key' },
  { name: 'npm token', text: `//registry.npmjs.org/:_authToken=${npm}`, detector: 'npm-token', secret: npm },
  { name: 'Vault token', text: vault, detector: 'hashicorp-vault-token' },
  { name: 'DigitalOcean token', text: doToken, detector: 'digitalocean-token' },
  { name: 'Mailgun key', text: mailgun, detector: 'mailgun-key' },
  { name: 'Twilio API key', text: twilio, detector: 'twilio-key' },
  { name: 'Postgres DSN with a password', text: 'postgres://user:pass@host:5432/app', detector: 'dsn-credentials', secret: 'pass' },
  { name: 'MongoDB SRV DSN', text: 'mongodb+srv://kfm-app:S3cr3t-Pa55@cluster0.kfm.mongodb.net/catalog?retryWrites=true', detector: 'dsn-credentials', secret: 'S3cr3t-Pa55' },
  { name: 'Redis URL with password only', text: 'redis://:p4ssw0rd-redis@redis-master:6379/0', detector: 'dsn-credentials', secret: 'p4ssw0rd-redis' },
  { name: 'AMQP URL', text: 'amqp://kfm:Rabbit-Pass-77@rabbitmq.kfm.svc:5672/', detector: 'dsn-credentials', secret: 'Rabbit-Pass-77' },
  { name: 'MySQL URL with an encoded password', text: 'mysql://root:p%40ss%21word9@db/app', detector: 'dsn-credentials', secret: 'p%40ss%21word9' },
  { name: 'password env var', key: 'DB_PASSWORD', text: 'hunter2hunter2', detector: 'password-assignment' },
  { name: 'password in lower-case words', key: 'POSTGRES_PASSWORD', text: 'supersecretpassword', detector: 'password-assignment' },
  { name: 'camelCase password key', key: 'adminPassword', text: 'Kfm-Admin-2024', detector: 'password-assignment' },
  { name: 'password key with an environment qualifier', key: 'DB_PASSWORD_PROD', text: 'winter2024', detector: 'password-assignment' },
  { name: 'libpq password variable', key: 'PGPASSWORD', text: 'kfm-catalog-9', detector: 'password-assignment' },
  { name: 'api key name with random value', key: 'apiKey', text: randomSecret, detector: 'secret-assignment' },
  { name: 'client secret', key: 'OAUTH_CLIENT_SECRET', text: clientSecret, detector: 'secret-assignment' },
  { name: 'JWT signing secret', key: 'JWT_SECRET', text: jwtSecret, detector: 'secret-assignment' },
  { name: 'hex token', key: 'WEBHOOK_TOKEN', text: hexToken, detector: 'secret-assignment' },
  { name: 'password flag in arguments', text: '--password=Tr0ub4dor&3', detector: 'password-assignment', secret: 'Tr0ub4dor&3' },
  { name: 'api_key in JSON text', text: `{"endpoint": "https://api.kfm.example.org", "api_key": "${randomSecret}"}`, detector: 'secret-assignment', secret: randomSecret },
  { name: '.env style secret key', text: `DEBUG=false\nSECRET_KEY=${envSecret}\n`, detector: 'secret-assignment', secret: envSecret },
  { name: 'Docker registry auth in a config.json', text: `{"auths": {"ghcr.io": {"auth": "${dockerAuth}"}}}`, detector: 'registry-auth', secret: dockerAuth },
  { name: 'HTTP Basic Authorization header', text: `Authorization: Basic ${basicAuth}`, detector: 'basic-auth-header', secret: basicAuth },
  { name: 'HTTPS URL with credentials', text: `https://deploy:${gitPassword}@git.kfm.example.org/infra.git`, detector: 'dsn-credentials', secret: gitPassword },
  { name: 'YAML password inside an embedded config file', text: 'database:\n  host: db\n  password: "Wd8#kq!2Lm"\n', detector: 'password-assignment', secret: 'Wd8#kq!2Lm' },
];

interface Negative {
  name: string;
  text: string;
  key?: string;
}

const negatives: Negative[] = [
  { name: 'AWS documentation key id', text: 'AKIAIOSFODNN7EXAMPLE' },
  { name: 'AWS documentation secret key', text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  { name: 'changeme', key: 'DB_PASSWORD', text: 'changeme' },
  { name: 'angle-bracket placeholder', key: 'password', text: '<password>' },
  { name: 'shell substitution', key: 'DB_PASSWORD', text: '${DB_PASSWORD}' },
  { name: 'Kubernetes env expansion', key: 'PGPASSWORD', text: '$(DB_PASSWORD)' },
  { name: 'Helm template', key: 'password', text: '{{ .Values.db.password }}' },
  { name: 'SOPS ciphertext', key: 'password', text: 'ENC[AES256_GCM,data:Tr8vQ2==,iv:9xk2l1Q7Yb0=,tag:wq1Xc8v3==,type:str]' },
  { name: 'Secret name reference by suffix', key: 'DB_PASSWORD_SECRET_NAME', text: 'db-credentials' },
  { name: 'existing Secret name', key: 'existingSecret', text: 'postgres-credentials' },
  { name: 'password file path', key: 'POSTGRES_PASSWORD_FILE', text: '/run/secrets/db_password' },
  { name: 'token lifetime', key: 'TOKEN_TTL', text: '3600' },
  { name: 'JWT expiry duration', key: 'JWT_EXPIRY', text: '1h' },
  { name: 'password policy length', key: 'PASSWORD_MIN_LENGTH', text: '12' },
  { name: 'boolean toggle', key: 'AUTH_TOKEN_ENABLED', text: 'true' },
  { name: 'token endpoint URL', key: 'TOKEN_URL', text: 'https://auth.kfm.example.org/oauth/token' },
  { name: 'base64 of an ordinary sentence', key: 'token', text: Buffer.from('this is not a secret at all, just a note').toString('base64') },
  { name: 'certificate', key: 'tls.crt', text: pem('CERTIFICATE') },
  { name: 'base64 certificate under a secret-sounding key', key: 'client-secret', text: Buffer.from(pem('CERTIFICATE')).toString('base64') },
  { name: 'private key placeholder', text: '-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----' },
  { name: 'DSN without credentials', text: 'postgres://db.kfm.svc:5432/catalog' },
  { name: 'DSN with the word password', text: 'postgres://user:password@localhost:5432/db' },
  { name: 'DSN with a substituted password', text: 'postgres://app:${DB_PASSWORD}@db:5432/app' },
  { name: 'DSN with a Kubernetes env expansion', text: 'postgresql://app:$(PGPASSWORD)@db:5432/app' },
  { name: 'URL with a user but no password', text: 'https://deploy@git.kfm.example.org/infra.git' },
  { name: 'image digest', key: 'image', text: `ghcr.io/kfm/api@sha256:${rand(64, HEX)}` },
  { name: 'git commit under an ordinary name', key: 'GIT_COMMIT', text: rand(40, HEX) },
  { name: 'client id UUID', key: 'OAUTH_CLIENT_ID', text: '5f0c2a9e-8d1b-4c3e-9a7f-2b6d4e8f1a3c' },
  { name: 'your-secret-key-here', key: 'SECRET_KEY_BASE', text: 'your-secret-key-here' },
  { name: 'x-filled placeholder', key: 'api_key', text: 'xxxxxxxxxxxxxxxxxxxxxxxx' },
  { name: 'x-filled GitHub token', text: 'ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
  { name: 'masked value', key: 'password', text: '********' },
  { name: 'TLS Secret name', key: 'secretName', text: 'tls-api-kfm-example-org' },
  { name: 'header name', key: 'AUTH_TOKEN_HEADER', text: 'Authorization' },
  { name: 'policy word', key: 'PASSWORD_POLICY', text: 'strong' },
  { name: 'prose mentioning passwords', key: 'description', text: 'Rotate the password every 90 days using the runbook' },
  { name: 'rotation days', key: 'SECRET_ROTATION_DAYS', text: '30' },
  { name: 'low-entropy value under a secret name', key: 'API_KEY', text: 'aaaaaaaaaaaaaaaaaaaaaaaa' },
  { name: 'environment word', key: 'SESSION_SECRET', text: 'development' },
  { name: 'vault reference', key: 'password', text: 'vault:secret/data/kfm/prod#password' },
  { name: 'credentials file path', key: 'GOOGLE_APPLICATION_CREDENTIALS', text: '/var/secrets/google/key.json' },
  { name: 'ExternalSecret remote key', key: 'key', text: 'kfm/prod/vector' },
  { name: 'public SSH key', key: 'public_key', text: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rand(43, B64)} ops@kfm` },
  { name: 'JWT header alone', text: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9' },
  { name: 'Stripe documentation test key', text: `sk_test_${rand(24)}` },
  { name: 'secret key name pointing at a Secret', key: 'secretKeyRef', text: 'api-key' },
  { name: 'password assignment with placeholder in text', text: 'password=changeme' },
  { name: 'password assignment with substitution in text', text: 'DATABASE_PASSWORD=${DATABASE_PASSWORD}' },
  { name: 'AWS ARN of a secret', key: 'DB_PASSWORD', text: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:kfm/prod/db-AbCdEf' },
  { name: 'log level', key: 'LOG_LEVEL', text: 'debug' },
  { name: 'password hashing scheme', key: 'PASSWORD_HASHER', text: 'argon2' },
  { name: 'tokenizer model name', key: 'TOKENIZER_MODEL', text: 'sentence-transformers/all-MiniLM-L6-v2' },
  { name: 'embedding model under a key-ish name', key: 'EMBEDDING_MODEL_KEY_FIELD', text: 'text-embedding-3-large' },
  { name: 'password complexity setting', key: 'PASSWORD_COMPLEXITY', text: 'high' },
  { name: 'registry auth with a placeholder password', text: `{"auths": {"ghcr.io": {"auth": "${Buffer.from('user:changeme').toString('base64')}"}}}` },
  { name: 'Basic followed by ordinary words', text: 'Basic authentication is disabled for this endpoint' },
  { name: 'GitHub Actions expression', key: 'DB_PASSWORD', text: '${{ secrets.DB_PASSWORD }}' },
  { name: 'release-pipeline replacement token', key: 'DB_PASSWORD', text: '#{DbPassword}#' },
  { name: 'double-underscore replacement token', key: 'API_TOKEN', text: '__API_TOKEN__' },
  { name: 'argocd-vault-plugin placeholder', key: 'password', text: '<path:secret/data/kfm/db#password>' },
  { name: 'Sentry DSN (public key only)', key: 'SENTRY_DSN', text: `https://${rand(32, HEX)}@o450000.ingest.sentry.io/5500000` },
  { name: 'public key under a JWT name', key: 'JWT_PUBLIC_KEY', text: pem('PUBLIC KEY', 3) },
  { name: 'ingress auth secret name', key: 'nginx.ingress.kubernetes.io/auth-secret', text: 'basic-auth' },
];

describe('secret detectors: positives', () => {
  it('has at least 40 positive cases', () => expect(positives.length).toBeGreaterThanOrEqual(40));
  for (const p of positives) {
    it(p.name, () => {
      const matches = detectSecrets(p.text, p.key);
      expect(matches.map((m) => m.detector)).toContain(p.detector);
      const secret = p.secret ?? p.text.trim();
      const m = matches.find((x) => x.detector === p.detector)!;
      const start = p.text.indexOf(secret);
      expect(m.start).toBeLessThanOrEqual(start);
      expect(m.end).toBeGreaterThanOrEqual(start + secret.length);
    });
  }
});

describe('secret detectors: negatives', () => {
  it('has at least 40 negative cases', () => expect(negatives.length).toBeGreaterThanOrEqual(40));
  for (const n of negatives) {
    it(n.name, () => {
      expect(detectSecrets(n.text, n.key).map((m) => m.detector)).toEqual([]);
    });
  }
});
