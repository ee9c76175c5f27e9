"""Files holding human passwords, URIs with credentials, signed JWTs,
private keys and encoded secrets, each in the places they are leaked."""

import base64
import json
import urllib.parse

import corpus_crypto as cc
from corpus_doc import dq, hcl_str, py_str, xml_attr, xml_text, yaml_scalar
from corpus_filler import HOSTS, NAMES, USERS
from corpus_tokens import ALNUM, ALNUM_L, B64URL, HEX, LOWER, r, rbytes, uuid4

WORDS = ["summer", "winter", "tiger", "falcon", "harbor", "maple", "copper", "orchid", "rocket", "violet", "granite", "pepper",
         "cobalt", "willow", "thunder", "meadow", "silver", "canyon", "ember", "glacier", "sparrow", "lantern", "juniper", "comet",
         "sunset", "breeze", "walnut", "crimson", "island", "marble", "quartz", "velvet", "nimbus", "saffron", "timber", "zephyr"]
SYMBOLS = "!@#$%&*?-_.+="


def human_password(rng):
    """Passwords as people choose them: word+year+symbol, leet, manager-made
    random strings, passphrases. Never a bare dictionary word."""
    k = rng.random()
    if k < 0.3:
        return rng.choice(WORDS).capitalize() + str(rng.choice([rng.randrange(1970, 2026), rng.randrange(10, 999)])) + rng.choice("!@#$%&*?")
    if k < 0.45:
        w = (rng.choice(WORDS) + rng.choice(WORDS)).capitalize()
        w = w.replace("a", "@", 1).replace("o", "0", 1).replace("e", "3", 1)
        return w + str(rng.randrange(10, 99))
    if k < 0.8:
        alphabet = ALNUM + rng.choice([SYMBOLS, "!#%+-_", "@$*"])
        while True:
            p = r(rng, alphabet, rng.randrange(14, 25))
            if any(c.isdigit() for c in p) and any(c.isupper() for c in p) and any(c.islower() for c in p):
                return p
    sep = rng.choice(["-", ".", "_", ""])
    ws = [rng.choice(WORDS) for _ in range(rng.randrange(3, 5))]
    if not sep:
        ws = [w.capitalize() for w in ws]
    return sep.join(ws) + str(rng.randrange(1, 99))


def url_password(rng):
    """A password fit for a URI without escaping (what most people paste)."""
    k = rng.random()
    if k < 0.5:
        return r(rng, ALNUM, rng.randrange(16, 33))
    if k < 0.75:
        return rng.choice(WORDS).capitalize() + str(rng.randrange(1000, 9999)) + rng.choice(["", "_", "-", "."]) + rng.choice(WORDS)
    return human_password(rng)


def lab(kind, secret, **kw):
    d = {"kind": kind, "secret": secret}
    d.update(kw)
    return d


# ---------------------------------------------------------------------------
# human passwords


def pw_wp_config(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(["<?php", "/**", " * The base configuration for WordPress", " *", " * @package WordPress", " */", "",
                "// ** Database settings - You can get this info from your web host ** //", "define( 'DB_NAME', '%s_wp' );" % ctx["app"],
                "define( 'DB_USER', 'wp_%s' );" % ctx["app"]])
    doc.secret("define( 'DB_PASSWORD', '%s' );" % pw.replace("'", "\\'"), lab("password", pw, format="wp-config-db-password", context="wp-config"))
    doc.extend(["define( 'DB_HOST', '%s' );" % rng.choice(["localhost", "127.0.0.1:3306", ctx["host"]]), "define( 'DB_CHARSET', 'utf8mb4' );",
                "define( 'DB_COLLATE', '' );", "", "/**#@+", " * Authentication unique keys and salts.", " */"])
    salts = []
    for name in ("AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"):
        v = r(rng, ALNUM + "!#$%&()*+,-./:;<=>?@[]^_`{|}~ ", 64)
        salts.append("define( '%s',%s'%s' );" % (name, " " * (17 - len(name)), v.replace("\\", "\\\\").replace("'", "\\'")))
    doc.secret("\n".join(salts), lab("credential-file", salts[0].split("'")[3], format="wp-config-salts", context="wp-config"))
    doc.extend(["/**#@-*/", "", "$table_prefix = 'wp_';", "", "define( 'WP_DEBUG', false );", "", "if ( ! defined( 'ABSPATH' ) ) {",
                "\tdefine( 'ABSPATH', __DIR__ . '/' );", "}", "", "require_once ABSPATH . 'wp-settings.php';"])


def pw_tf_rds(doc, rng, ctx):
    pw = url_password(rng)
    doc.extend(['resource "aws_db_instance" "%s" {' % ctx["app"], '  identifier           = "%s-prod"' % ctx["app"], '  engine               = "postgres"',
                '  engine_version       = "15.4"', '  instance_class       = "db.t3.medium"', "  allocated_storage    = 50",
                '  db_name              = "%s"' % ctx["app"], '  username             = "%s"' % rng.choice(USERS)])
    doc.secret("  password             = %s" % hcl_str(pw), lab("password", pw, format="terraform-aws-db-instance"))
    doc.extend(["  skip_final_snapshot  = false", "  storage_encrypted    = true", '  vpc_security_group_ids = [aws_security_group.db.id]', "}"])


def pw_php_pdo(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(["<?php", "", "function db(): PDO", "{", "    static $pdo = null;", "    if ($pdo === null) {"])
    doc.secret("        $pdo = new PDO('mysql:host=%s;dbname=%s;charset=utf8mb4', '%s', '%s');" % (rng.choice(HOSTS), ctx["app"], rng.choice(USERS), pw.replace("'", "\\'")),
               lab("password", pw, format="php-pdo"))
    doc.extend(["        $pdo->setAttribute(PDO::ATTR_ERRMODE, PDO::ERRMODE_EXCEPTION);", "    }", "    return $pdo;", "}"])


def pw_redis_conf(doc, rng, ctx):
    pw = r(rng, ALNUM, rng.randrange(20, 40)) if rng.random() < 0.5 else human_password(rng).replace(" ", "")
    doc.extend(["# Redis configuration file", "bind 0.0.0.0", "protected-mode yes", "port 6379", "tcp-backlog 511", "timeout 0", "tcp-keepalive 300",
                "daemonize no", "supervised systemd", "loglevel notice", 'logfile ""', "databases 16", "save 900 1", "save 300 10",
                "dbfilename dump.rdb", "dir /var/lib/redis", "", "################################## SECURITY ###################################", ""])
    doc.secret("requirepass %s" % pw, lab("password", pw, format="redis-requirepass"))
    doc.extend(["", "maxmemory 2gb", "maxmemory-policy allkeys-lru", "appendonly yes"])


def pw_mysqldump(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(["#!/bin/bash", "# nightly backup, run from cron at 02:30", "set -euo pipefail", 'STAMP=$(date +%F)', "BACKUP_DIR=/var/backups/mysql", ""])
    q = "'%s'" % pw if "'" not in pw else dq(pw)
    doc.secret("mysqldump -h %s -u backup -p%s --single-transaction --routines %s | gzip > \"$BACKUP_DIR/%s-$STAMP.sql.gz\"" % (rng.choice(HOSTS), q, ctx["app"], ctx["app"]),
               lab("password", pw, format="mysqldump-p"))
    doc.extend(["find \"$BACKUP_DIR\" -name '*.sql.gz' -mtime +14 -delete"])


def pw_spring(doc, rng, ctx):
    pw = human_password(rng)
    host = rng.choice(HOSTS)
    doc.extend(["server.port=8080", "spring.application.name=%s" % ctx["app"], "spring.datasource.url=jdbc:postgresql://%s:5432/%s" % (host, ctx["app"]),
                "spring.datasource.username=%s" % rng.choice(USERS)])
    doc.secret("spring.datasource.password=%s" % pw.replace("\\", "\\\\"), lab("password", pw, format="spring-datasource-password"))
    doc.extend(["spring.datasource.hikari.maximum-pool-size=10", "spring.jpa.open-in-view=false", "logging.level.org.hibernate.SQL=warn"])


def pw_jdbc_url(doc, rng, ctx):
    pw = url_password(rng)
    host = rng.choice(HOSTS)
    if rng.random() < 0.5:
        url = "jdbc:mysql://%s:3306/%s?user=%s&password=%s&useSSL=true&serverTimezone=UTC" % (host, ctx["app"], rng.choice(USERS), pw)
    else:
        url = "jdbc:sqlserver://%s:1433;databaseName=%s;user=%s;password=%s;encrypt=true;trustServerCertificate=false" % (host, ctx["app"], rng.choice(USERS), pw)
    style = rng.choice(["properties", "yaml", "xml"])
    if style == "properties":
        doc.extend(["# datasource", "db.driver=%s" % ("com.mysql.cj.jdbc.Driver" if "mysql" in url else "com.microsoft.sqlserver.jdbc.SQLServerDriver")])
        doc.secret("db.url=%s" % url, lab("password", pw, format="jdbc-url", uri=url))
        doc.extend(["db.pool.size=8"])
    elif style == "yaml":
        doc.extend(["spring:", "  datasource:"])
        doc.secret("    url: %s" % yaml_scalar(url), lab("password", pw, format="jdbc-url", uri=url))
        doc.extend(["    hikari:", "      maximum-pool-size: 8"])
    else:
        doc.extend(['<?xml version="1.0" encoding="UTF-8"?>', "<Context>"])
        doc.secret('  <Resource name="jdbc/%s" auth="Container" type="javax.sql.DataSource"\n            url="%s"\n            maxTotal="20" maxIdle="5"/>' % (ctx["app"], xml_attr(url)),
                   lab("password", pw, format="jdbc-url", uri=url), mark="url=")
        doc.add("</Context>")
    return style


def pw_odbc(doc, rng, ctx):
    pw = human_password(rng).replace(";", "!").replace("{", "(").replace("}", ")")
    cs = "Driver={ODBC Driver 18 for SQL Server};Server=tcp:%s.database.windows.net,1433;Database=%s;Uid=%s;Pwd=%s;Encrypt=yes;TrustServerCertificate=no;" % (ctx["app"] + "-sql", ctx["app"], rng.choice(USERS), pw)
    doc.extend(["import pyodbc", "", ""])
    doc.secret("CONN_STR = %s" % py_str(cs), lab("password", pw, format="odbc-connection-string"))
    doc.extend(["", "", "def connect():", "    return pyodbc.connect(CONN_STR, timeout=10)"])


def pw_ado_appsettings(doc, rng, ctx):
    pw = human_password(rng).replace(";", "!")
    cs = "Server=tcp:%s,1433;Database=%s;User Id=%s;Password=%s;Encrypt=True;" % (rng.choice(HOSTS), ctx["app"], rng.choice(USERS), pw)
    doc.extend(["{", '  "ConnectionStrings": {'])
    doc.secret('    "DefaultConnection": %s' % dq(cs), lab("password", pw, format="ado-connection-string"))
    doc.extend(["  },", '  "Logging": {', '    "LogLevel": {', '      "Default": "Information"', "    }", "  },", '  "AllowedHosts": "*"', "}"])


def pw_ado_webconfig(doc, rng, ctx):
    pw = human_password(rng).replace(";", "!")
    cs = "Data Source=%s;Initial Catalog=%s;User ID=%s;Password=%s;MultipleActiveResultSets=True" % (rng.choice(HOSTS), ctx["app"], rng.choice(USERS), pw)
    doc.crlf = rng.random() < 0.5
    doc.extend(['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <connectionStrings>"])
    doc.secret('    <add name="DefaultConnection" connectionString="%s" providerName="System.Data.SqlClient" />' % xml_attr(cs), lab("password", pw, format="ado-connection-string"))
    doc.extend(["  </connectionStrings>", "  <appSettings>", '    <add key="webpages:Version" value="3.0.0.0" />', "  </appSettings>", "</configuration>"])


def pw_compose(doc, rng, ctx):
    pw = url_password(rng)
    db = rng.choice(["postgres", "mysql", "mariadb"])
    var = {"postgres": "POSTGRES_PASSWORD", "mysql": "MYSQL_ROOT_PASSWORD", "mariadb": "MARIADB_ROOT_PASSWORD"}[db]
    doc.extend(["version: \"3.8\"", "services:", "  db:", "    image: %s:%s" % (db, {"postgres": "16", "mysql": "8.0", "mariadb": "11"}[db]),
                "    restart: always", "    environment:"])
    doc.secret("      %s: %s" % (var, yaml_scalar(pw)), lab("password", pw, format="docker-compose-db-password"))
    doc.extend(["      %s: %s" % ("POSTGRES_DB" if db == "postgres" else "MYSQL_DATABASE", ctx["app"]), "    volumes:", "      - dbdata:/var/lib/%s" % ("postgresql/data" if db == "postgres" else "mysql"),
                "  app:", "    build: .", "    depends_on: [db]", "volumes:", "  dbdata: {}"])


def pw_helm(doc, rng, ctx):
    pw = url_password(rng)
    doc.extend(["postgresql:", "  enabled: true", "  auth:", "    username: %s" % ctx["app"]])
    doc.secret("    password: %s" % yaml_scalar(pw), lab("password", pw, format="helm-values-password"))
    doc.extend(["    database: %s" % ctx["app"], "  primary:", "    persistence:", "      size: 20Gi", "", "ingress:", "  enabled: true",
                "  hosts:", "    - host: %s.%s" % (ctx["app"], ctx["domain"])])


def pw_json_config(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(["{", '  "env": "production",', '  "database": {', '    "host": "%s",' % rng.choice(HOSTS), '    "port": 5432,', '    "user": "%s",' % rng.choice(USERS)])
    doc.secret('    "password": %s,' % dq(pw), lab("password", pw, format="json-config-password"))
    doc.extend(['    "name": "%s"' % ctx["app"], "  },", '  "logLevel": "warn"', "}"])


def pw_django(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(["DATABASES = {", '    "default": {', '        "ENGINE": "django.db.backends.mysql",', '        "NAME": "%s",' % ctx["app"], '        "USER": "%s",' % rng.choice(USERS)])
    doc.secret('        "PASSWORD": %s,' % py_str(pw), lab("password", pw, format="django-databases"))
    doc.extend(['        "HOST": "%s",' % rng.choice(HOSTS), '        "PORT": "3306",', "    }", "}"])


def pw_rails_db(doc, rng, ctx):
    pw = url_password(rng)
    doc.extend(["default: &default", "  adapter: postgresql", "  encoding: unicode", "  pool: <%= ENV.fetch(\"RAILS_MAX_THREADS\") { 5 } %>", "",
                "development:", "  <<: *default", "  database: %s_development" % ctx["app"], "", "production:", "  <<: *default",
                "  database: %s_production" % ctx["app"], "  username: %s" % ctx["app"]])
    doc.secret("  password: %s" % yaml_scalar(pw), lab("password", pw, format="rails-database-yml"))
    doc.add("  host: %s" % rng.choice(HOSTS))


def pw_laravel_env(doc, rng, ctx):
    pw = url_password(rng)
    doc.extend(["APP_NAME=%s" % ctx["app"].capitalize(), "APP_ENV=production", "APP_DEBUG=false", "APP_URL=https://%s.%s" % (ctx["app"], ctx["domain"]), "",
                "LOG_CHANNEL=stack", "", "DB_CONNECTION=mysql", "DB_HOST=%s" % rng.choice(HOSTS), "DB_PORT=3306", "DB_DATABASE=%s" % ctx["app"], "DB_USERNAME=%s" % rng.choice(USERS)])
    doc.secret("DB_PASSWORD=%s" % pw, lab("password", pw, format="dotenv-db-password"))
    doc.extend(["", "CACHE_DRIVER=redis", "QUEUE_CONNECTION=redis", "SESSION_DRIVER=redis"])


def pw_ansible(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(["---", "# group_vars/db.yml", "mysql_port: 3306", "mysql_bind_address: 0.0.0.0", "mysql_databases:", "  - name: %s" % ctx["app"], "mysql_users:",
                "  - name: %s" % ctx["app"], "    host: \"%\"", "    priv: \"%s.*:ALL\"" % ctx["app"]])
    doc.secret("    password: %s" % yaml_scalar(pw), lab("password", pw, format="ansible-vars"))
    pw2 = human_password(rng)
    doc.secret("mysql_root_password: %s" % yaml_scalar(pw2), lab("password", pw2, format="ansible-vars"))


def pw_hibernate(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(['<?xml version="1.0" encoding="utf-8"?>', '<!DOCTYPE hibernate-configuration PUBLIC "-//Hibernate/Hibernate Configuration DTD 3.0//EN"',
                '  "http://www.hibernate.org/dtd/hibernate-configuration-3.0.dtd">', "<hibernate-configuration>", "  <session-factory>",
                '    <property name="connection.driver_class">org.postgresql.Driver</property>',
                '    <property name="connection.url">jdbc:postgresql://%s:5432/%s</property>' % (rng.choice(HOSTS), ctx["app"]),
                '    <property name="connection.username">%s</property>' % rng.choice(USERS)])
    doc.secret('    <property name="connection.password">%s</property>' % xml_text(pw), lab("password", pw, format="hibernate-cfg"))
    doc.extend(['    <property name="dialect">org.hibernate.dialect.PostgreSQLDialect</property>', "  </session-factory>", "</hibernate-configuration>"])


def pw_maven_settings(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(['<?xml version="1.0" encoding="UTF-8"?>', '<settings xmlns="http://maven.apache.org/SETTINGS/1.2.0">', "  <servers>", "    <server>",
                "      <id>%s-releases</id>" % ctx["org"], "      <username>%s</username>" % rng.choice(USERS)])
    doc.secret("      <password>%s</password>" % xml_text(pw), lab("password", pw, format="maven-settings"))
    doc.extend(["    </server>", "  </servers>", "  <mirrors>", "    <mirror>", "      <id>central-proxy</id>",
                "      <url>https://nexus.%s/repository/maven-public/</url>" % ctx["domain"], "      <mirrorOf>central</mirrorOf>", "    </mirror>", "  </mirrors>", "</settings>"])


def pw_phpmailer(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(["<?php", "use PHPMailer\\PHPMailer\\PHPMailer;", "", "$mail = new PHPMailer(true);", "$mail->isSMTP();", "$mail->Host       = 'smtp.office365.com';",
                "$mail->SMTPAuth   = true;", "$mail->Username   = 'noreply@%s';" % ctx["domain"]])
    doc.secret("$mail->Password   = '%s';" % pw.replace("'", "\\'"), lab("password", pw, format="phpmailer-smtp"))
    doc.extend(["$mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS;", "$mail->Port       = 587;"])


def pw_ldap(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(["import ldap", "", "LDAP_URI = \"ldaps://ldap.%s\"" % ctx["domain"], 'BIND_DN = "cn=svc-%s,ou=services,dc=%s,dc=com"' % (ctx["app"], ctx["org"])])
    doc.secret("BIND_PASSWORD = %s" % py_str(pw), lab("password", pw, format="ldap-bind-password"))
    doc.extend(["", "", "def connect():", "    conn = ldap.initialize(LDAP_URI)", "    conn.simple_bind_s(BIND_DN, BIND_PASSWORD)", "    return conn"])


def pw_unattend(doc, rng, ctx):
    pw = human_password(rng)
    doc.crlf = True
    doc.extend(['<?xml version="1.0" encoding="utf-8"?>', '<unattend xmlns="urn:schemas-microsoft-com:unattend">', '  <settings pass="oobeSystem">'])
    doc.decoy('    <component name="Microsoft-Windows-Shell-Setup" processorArchitecture="amd64" publicKeyToken="31bf3856ad364e35" language="neutral" versionScope="nonSxS">',
              "public key token (assembly identity)")
    doc.extend(["      <UserAccounts>", "        <AdministratorPassword>"])
    doc.secret("          <Value>%s</Value>" % xml_text(pw), lab("password", pw, format="unattend-xml"))
    doc.extend(["          <PlainText>true</PlainText>", "        </AdministratorPassword>", "      </UserAccounts>", "    </component>", "  </settings>", "</unattend>"])


def pw_nuget(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(['<?xml version="1.0" encoding="utf-8"?>', "<configuration>", "  <packageSources>",
                '    <add key="internal" value="https://nuget.%s/v3/index.json" />' % ctx["domain"], "  </packageSources>", "  <packageSourceCredentials>", "    <internal>",
                '      <add key="Username" value="%s" />' % rng.choice(USERS)])
    doc.secret('      <add key="ClearTextPassword" value="%s" />' % xml_attr(pw), lab("password", pw, format="nuget-config"))
    doc.extend(["    </internal>", "  </packageSourceCredentials>", "</configuration>"])


def pw_publish_profile(doc, rng, ctx):
    pw = r(rng, ALNUM, 60)
    doc.crlf = True
    doc.extend(["<publishData>", '  <publishProfile profileName="%s - Web Deploy" publishMethod="MSDeploy"' % ctx["app"],
                '                  publishUrl="%s.scm.azurewebsites.net:443" msdeploySite="%s"' % (ctx["app"], ctx["app"]), '                  userName="$%s"' % ctx["app"]])
    doc.secret('                  userPWD="%s"' % pw, lab("password", pw, format="azure-publish-profile"))
    doc.extend(['                  destinationAppUrl="https://%s.azurewebsites.net" SQLServerDBConnectionString="" mySQLDBConnectionString="" hostingProviderForumLink="" controlPanelLink="https://portal.azure.com">' % ctx["app"],
                "    <databases />", "  </publishProfile>", "</publishData>"])


def pw_tomcat_users(doc, rng, ctx):
    pw = human_password(rng)
    doc.extend(['<?xml version="1.0" encoding="UTF-8"?>', '<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">', '  <role rolename="manager-gui"/>',
                '  <role rolename="manager-script"/>'])
    doc.secret('  <user username="%s" password="%s" roles="manager-gui,manager-script"/>' % (rng.choice(USERS), xml_attr(pw)), lab("password", pw, format="tomcat-users-xml"))
    doc.add("</tomcat-users>")


def pw_k8s_stringdata(doc, rng, ctx):
    pw = url_password(rng)
    doc.extend(["apiVersion: v1", "kind: Secret", "metadata:", "  name: %s-db" % ctx["app"], "type: Opaque", "stringData:", "  username: %s" % ctx["app"]])
    doc.secret("  password: %s" % yaml_scalar(pw), lab("password", pw, format="k8s-secret-stringdata"))


PASSWORD_CONTEXTS = [
    ("php", pw_wp_config, ["wp-config.php", "public_html/wp-config.php"]),
    ("tf", pw_tf_rds, ["rds.tf", "modules/db/main.tf"]),
    ("php", pw_php_pdo, ["lib/db.php", "inc/database.php"]),
    ("conf", pw_redis_conf, ["redis.conf", "config/redis.conf"]),
    ("sh", pw_mysqldump, ["backup.sh", "cron/db_backup.sh"]),
    ("properties", pw_spring, ["src/main/resources/application.properties", "application-prod.properties"]),
    ("jdbc", pw_jdbc_url, None),
    ("py", pw_odbc, ["db.py", "etl/connection.py"]),
    ("json", pw_ado_appsettings, ["appsettings.Production.json", "src/Web/appsettings.json"]),
    ("xml", pw_ado_webconfig, ["Web.config", "src/Site/Web.config"]),
    ("yaml", pw_compose, ["docker-compose.yml", "docker-compose.override.yml"]),
    ("yaml", pw_helm, ["values.yaml", "charts/app/values-prod.yaml"]),
    ("json", pw_json_config, ["config.json", "config/database.json"]),
    ("py", pw_django, ["settings/prod.py", "project/settings.py"]),
    ("yaml", pw_rails_db, ["config/database.yml"]),
    ("env", pw_laravel_env, [".env", ".env.production"]),
    ("yaml", pw_ansible, ["group_vars/db.yml", "inventory/group_vars/all.yml"]),
    ("xml", pw_hibernate, ["src/main/resources/hibernate.cfg.xml"]),
    ("xml", pw_maven_settings, [".m2/settings.xml", "ci/settings.xml"]),
    ("php", pw_phpmailer, ["mail.php", "includes/mailer.php"]),
    ("py", pw_ldap, ["auth/ldap_client.py"]),
    ("xml", pw_unattend, ["unattend.xml", "sysprep/Autounattend.xml"]),
    ("xml", pw_nuget, ["NuGet.Config", "nuget.config"]),
    ("yaml", pw_k8s_stringdata, ["k8s/db-secret.yaml"]),
    ("xml", pw_publish_profile, ["Properties/PublishProfiles/%s.PublishSettings" % "prod", "deploy/app.PublishSettings"]),
    ("xml", pw_tomcat_users, ["conf/tomcat-users.xml"]),
]


# ---------------------------------------------------------------------------
# URIs with credentials


def make_uri(rng):
    k = rng.randrange(12)
    pw = url_password(rng)
    user = rng.choice(USERS)
    app = rng.choice(["orders", "billing", "core", "analytics", "auth"])
    if k == 0:
        u = "postgres://%s:%s@%s:5432/%s" % (user, pw, rng.choice(HOSTS), app)
    elif k == 1:
        u = "postgresql://%s:%s@%s:5432/%s?sslmode=require" % (user, pw, rng.choice(["ep-cool-darkness-%s.us-east-2.aws.neon.tech" % r(rng, ALNUM_L, 6), "db.%s.supabase.co" % r(rng, LOWER, 20)]), app)
    elif k == 2:
        u = "mysql://%s:%s@%s:3306/%s" % (user, pw, rng.choice(HOSTS), app)
    elif k == 3:
        u = "mongodb+srv://%s:%s@cluster0.%s.mongodb.net/%s?retryWrites=true&w=majority" % (user, pw, r(rng, ALNUM_L, 5), app)
    elif k == 4:
        u = "mongodb://%s:%s@mongo-0.mongo:27017,mongo-1.mongo:27017/%s?replicaSet=rs0&authSource=admin" % (user, pw, app)
    elif k == 5:
        u = "redis://:%s@%s:6379/0" % (pw, rng.choice(["redis", "cache.internal", "10.0.4.12"]))
    elif k == 6:
        u = "rediss://default:%s@%s-%s.upstash.io:6379" % (r(rng, ALNUM, 32), rng.choice(["apt", "fine", "calm"]), rng.choice(["gecko", "lynx", "owl"]) + str(rng.randrange(10000, 99999)))
        pw = u.split(":")[2].split("@")[0]
    elif k == 7:
        u = "amqp://%s:%s@rabbitmq:5672/%s" % (user, pw, app)
    elif k == 8:
        u = "https://%s:%s@nexus.%s/repository/pypi-internal/simple" % (user, pw, rng.choice(["acme.io", "corp.local"]))
    elif k == 9:
        u = "smtp://%s:%s@smtp.%s:587" % ("postmaster%40mg.acme.io" if rng.random() < 0.5 else user, pw, rng.choice(["mailgun.org", "sendgrid.net", "office365.com"]))
    elif k == 10:
        u = "ftp://%s:%s@ftp.%s/uploads" % (user, pw, rng.choice(["acme.io", "partner-files.com"]))
    else:
        u = "mssql://%s:%s@%s:1433/%s" % (user, pw, rng.choice(HOSTS), app)
    return u, pw


def uri_env(doc, rng, ctx, u, pw):
    doc.extend(["NODE_ENV=production", "PORT=3000"])
    doc.secret("%s=%s" % (rng.choice(["DATABASE_URL", "MONGO_URI", "REDIS_URL", "BROKER_URL", "DB_URL"]), u), lab("uri", pw, uri=u, format="uri-dotenv"))
    doc.extend(["LOG_LEVEL=info", "SESSION_TTL=86400"])


def uri_py(doc, rng, ctx, u, pw):
    doc.extend(["from sqlalchemy import create_engine", "", ""])
    doc.secret("engine = create_engine(%s, pool_pre_ping=True)" % py_str(u), lab("uri", pw, uri=u, format="uri-code"))
    doc.extend(["", "", "def get_conn():", "    return engine.connect()"])


def uri_celery(doc, rng, ctx, u, pw):
    doc.extend(["# celeryconfig.py", "task_serializer = \"json\"", "result_serializer = \"json\"", "timezone = \"UTC\""])
    doc.secret("broker_url = %s" % py_str(u), lab("uri", pw, uri=u, format="uri-code"))
    doc.add("worker_prefetch_multiplier = 1")


def uri_yaml(doc, rng, ctx, u, pw):
    doc.extend(["app:", "  name: %s" % ctx["app"], "storage:"])
    doc.secret("  url: %s" % yaml_scalar(u), lab("uri", pw, uri=u, format="uri-yaml"))
    doc.extend(["  pool_size: 10", "  timeout: 5s"])


def uri_alembic(doc, rng, ctx, u, pw):
    doc.extend(["[alembic]", "script_location = migrations", "prepend_sys_path = ."])
    doc.secret("sqlalchemy.url = %s" % u.replace("%", "%%"), lab("uri", pw, uri=u, format="uri-ini"))
    doc.extend(["", "[loggers]", "keys = root,sqlalchemy,alembic"])


def uri_log(doc, rng, ctx, u, pw):
    doc.extend(["2024-11-03 09:12:44,120 INFO  [main] starting %s worker pid=18233" % ctx["app"]])
    doc.secret("2024-11-03 09:12:44,311 DEBUG [db] connecting to %s" % u, lab("uri", pw, uri=u, format="uri-log"))
    doc.extend(["2024-11-03 09:12:44,802 INFO  [db] connected in 491ms", "2024-11-03 09:12:45,004 INFO  [main] ready"])


def uri_json(doc, rng, ctx, u, pw):
    doc.extend(["{", '  "service": "%s",' % ctx["app"]])
    doc.secret('  "connectionString": %s,' % dq(u), lab("uri", pw, uri=u, format="uri-json"))
    doc.extend(['  "poolSize": 5', "}"])


def uri_pipconf(doc, rng, ctx, u, pw):
    doc.add("[global]")
    doc.secret("index-url = %s" % u, lab("uri", pw, uri=u, format="uri-ini"))
    doc.add("timeout = 60")


def uri_go(doc, rng, ctx, u, pw):
    doc.extend(["package db", "", "import \"database/sql\"", ""])
    doc.secret("const dsn = %s" % dq(u), lab("uri", pw, uri=u, format="uri-code"))
    doc.extend(["", "func Open() (*sql.DB, error) {", "\treturn sql.Open(\"postgres\", dsn)", "}"])


def uri_git_remote(doc, rng, ctx, u, pw):
    from corpus_tokens import github_classic
    tok = github_classic(rng, "ghp_") if rng.random() < 0.6 else "glpat-" + r(rng, B64URL, 20)
    host = "github.com" if tok.startswith("ghp_") else "gitlab.com"
    url = "https://%s:%s@%s/%s/%s.git" % (rng.choice(NAMES), tok, host, ctx["org"], ctx["app"])
    doc.extend(["[core]", "\trepositoryformatversion = 0", "\tfilemode = true", "\tbare = false", '[remote "origin"]'])
    doc.secret("\turl = %s" % url, lab("uri", tok, uri=url, format="git-remote-token", provider="github" if host == "github.com" else "gitlab"))
    doc.extend(["\tfetch = +refs/heads/*:refs/remotes/origin/*", '[branch "main"]', "\tremote = origin", "\tmerge = refs/heads/main"])


URI_CONTEXTS = [
    ("env", uri_env, [".env", ".env.production", "deploy/.env"]),
    ("py", uri_py, ["db.py", "app/database.py"]),
    ("py", uri_celery, ["celeryconfig.py"]),
    ("yaml", uri_yaml, ["config/app.yaml", "config.yml"]),
    ("ini", uri_alembic, ["alembic.ini"]),
    ("log", uri_log, ["logs/worker.log", "worker.out"]),
    ("json", uri_json, ["config/local.json", "appconfig.json"]),
    ("ini", uri_pipconf, ["pip.conf", ".config/pip/pip.conf"]),
    ("go", uri_go, ["internal/db/db.go"]),
    ("gitconfig", uri_git_remote, ["dotfiles/gitconfig", "mirror/gitconfig"]),
]


# ---------------------------------------------------------------------------
# JWTs


def make_jwt(rng, keys):
    """A real signed JWT with realistic claims (expiring in 2030)."""
    iat = 1730000000 + rng.randrange(10**7)
    exp = 1900000000 + rng.randrange(10**7)
    k = rng.randrange(7)
    if k == 0:
        ref = r(rng, LOWER, 20)
        payload = {"iss": "supabase", "ref": ref, "role": "service_role", "iat": iat, "exp": exp}
        return cc.jwt_hs256(payload, rbytes(rng, 32)), "supabase-service-role", "supabase"
    if k == 1:
        payload = {"iss": "kubernetes/serviceaccount", "kubernetes.io/serviceaccount/namespace": rng.choice(["default", "ci", "monitoring"]),
                   "kubernetes.io/serviceaccount/secret.name": "deployer-token-%s" % r(rng, ALNUM_L, 5), "kubernetes.io/serviceaccount/service-account.name": "deployer",
                   "kubernetes.io/serviceaccount/service-account.uid": uuid4(rng), "sub": "system:serviceaccount:ci:deployer"}
        return cc.jwt_rs256(payload, rng.choice(keys["rsa_sign"]), kid=r(rng, B64URL, 43)), "kubernetes-sa-token", "kubernetes"
    if k == 2:
        tenant = rng.choice(["acme", "globex", "initech"])
        payload = {"iss": "https://%s.us.auth0.com/" % tenant, "sub": "auth0|" + r(rng, HEX, 24), "aud": ["https://api.%s.io" % tenant, "https://%s.us.auth0.com/userinfo" % tenant],
                   "iat": iat, "exp": exp, "azp": r(rng, ALNUM, 32), "scope": "openid profile email read:orders write:orders"}
        return cc.jwt_rs256(payload, rng.choice(keys["rsa_sign"]), kid=r(rng, B64URL, 22)), "auth0-access-token", "auth0"
    if k == 3:
        payload = {"sub": str(rng.randrange(1000, 99999)), "email": "%s@%s" % (rng.choice(NAMES), rng.choice(["acme.io", "globex.com"])), "role": rng.choice(["admin", "user", "support"]),
                   "iat": iat, "exp": exp, "jti": uuid4(rng)}
        return cc.jwt_hs256(payload, rbytes(rng, 32)), "session-token", "app"
    if k == 4:
        payload = {"iss": r(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 10), "iat": iat, "exp": exp, "aud": "appstoreconnect-v1"}
        return cc.jwt_es256(payload, rng.choice(keys["ec_sign"]), rng), "apple-api-token", "apple"
    if k == 5:
        tid = uuid4(rng)
        payload = {"aud": "https://management.azure.com/", "iss": "https://sts.windows.net/%s/" % tid, "iat": iat, "nbf": iat, "exp": exp,
                   "appid": uuid4(rng), "oid": uuid4(rng), "tid": tid, "sub": uuid4(rng), "ver": "1.0", "idtyp": "app"}
        return cc.jwt_rs256(payload, rng.choice(keys["rsa_sign"]), kid=r(rng, B64URL, 27)), "azure-ad-access-token", "azure"
    payload = {"sub": "svc-%s" % rng.choice(["billing", "ingest", "reports"]), "iat": iat, "exp": exp, "scope": "internal"}
    return cc.jwt_eddsa(payload, rng.choice(keys["ed_sign"])), "service-token", "app"


def jwt_env(doc, rng, ctx, tok, fmt_, prov):
    doc.extend(["NEXT_PUBLIC_APP_URL=https://%s.%s" % (ctx["app"], ctx["domain"])])
    var = {"supabase-service-role": "SUPABASE_SERVICE_ROLE_KEY", "kubernetes-sa-token": "KUBE_TOKEN"}.get(fmt_, "API_TOKEN")
    doc.secret("%s=%s" % (var, tok), lab("jwt", tok, format=fmt_, provider=prov))
    doc.add("LOG_LEVEL=info")


def jwt_curl(doc, rng, ctx, tok, fmt_, prov):
    doc.extend(["#!/bin/sh", "# reproduce the 500 from ticket OPS-%d" % rng.randrange(1000, 9999)])
    doc.secret("curl -sS https://api.%s/v2/orders?limit=5 \\\n  -H 'Authorization: Bearer %s' \\\n  -H 'Accept: application/json'" % (ctx["domain"], tok),
               lab("jwt", tok, format=fmt_, provider=prov), mark=tok)


def jwt_log(doc, rng, ctx, tok, fmt_, prov):
    doc.add("2024-10-21T14:02:11.482Z info  http  GET /api/v1/me 200 12ms")
    doc.secret("2024-10-21T14:02:11.913Z debug http  outgoing request headers: {\"authorization\":\"Bearer %s\",\"x-request-id\":\"%s\"}" % (tok, uuid4(rng)),
               lab("jwt", tok, format=fmt_, provider=prov))
    doc.add("2024-10-21T14:02:12.020Z info  http  POST /api/v1/orders 201 88ms")


def jwt_http(doc, rng, ctx, tok, fmt_, prov):
    doc.extend(["@host = https://api.%s" % ctx["domain"]])
    doc.secret("@token = %s" % tok, lab("jwt", tok, format=fmt_, provider=prov))
    doc.extend(["", "### me", "GET {{host}}/v1/me", "Authorization: Bearer {{token}}"])


def jwt_json(doc, rng, ctx, tok, fmt_, prov):
    doc.extend(["{", '  "baseUrl": "https://api.%s",' % ctx["domain"]])
    doc.secret('  "accessToken": "%s",' % tok, lab("jwt", tok, format=fmt_, provider=prov))
    doc.extend(['  "timeoutMs": 5000', "}"])


def jwt_py_test(doc, rng, ctx, tok, fmt_, prov):
    doc.extend(["import requests", "", "BASE = \"https://api.%s\"" % ctx["domain"]])
    doc.secret("TOKEN = \"%s\"" % tok, lab("jwt", tok, format=fmt_, provider=prov))
    doc.extend(["", "", "def get(path):", "    return requests.get(BASE + path, headers={\"Authorization\": f\"Bearer {TOKEN}\"}, timeout=10)"])


JWT_CONTEXTS = [
    ("env", jwt_env, [".env.local", ".env"]),
    ("sh", jwt_curl, ["repro.sh", "scripts/call_api.sh"]),
    ("log", jwt_log, ["logs/api.log", "server.log"]),
    ("http", jwt_http, ["api.http", "requests/dev.http"]),
    ("json", jwt_json, ["cypress.env.json", "config/client.json"]),
    ("py", jwt_py_test, ["scripts/smoke.py", "tools/api_check.py"]),
]


# ---------------------------------------------------------------------------
# private keys


def key_pem(rng, keys):
    """(PEM text, format id) of a fresh private key from the pool."""
    k = rng.randrange(20)
    if k < 7:
        return cc.rsa_pkcs1_pem(keys["rsa"].pop()), "pem-pkcs1-rsa"
    if k < 11:
        return cc.rsa_pkcs8_pem(keys["rsa"].pop()), "pem-pkcs8-rsa"
    if k < 14:
        return cc.ec_sec1_pem(cc.ECKey(rng)), "pem-sec1-ec"
    if k < 16:
        return cc.ec_pkcs8_pem(cc.ECKey(rng)), "pem-pkcs8-ec"
    if k < 17:
        return cc.ed25519_pkcs8_pem(cc.Ed25519Key(rng)), "pem-pkcs8-ed25519"
    if k < 19:
        return cc.openssh_private(cc.Ed25519Key(rng), "%s@%s" % (rng.choice(NAMES), rng.choice(["laptop", "build-01", "macbook"])), rng), "openssh-ed25519"
    return cc.openssh_private(keys["rsa"].pop(), "deploy@ci", rng), "openssh-rsa"


def pk_file(doc, rng, ctx, pem, f):
    doc.add(pem.rstrip("\n"))
    doc.secrets.append(dict(lab("private-key", pem.split("\n")[1], format=f), line=1, end_line=len(doc.lines)))


def pk_yaml_block(doc, rng, ctx, pem, f):
    doc.extend(["apiVersion: v1", "kind: Secret", "metadata:", "  name: %s-tls" % ctx["app"], "type: kubernetes.io/tls", "stringData:", "  tls.key: |"])
    doc.secret("\n".join("    " + line for line in pem.rstrip("\n").split("\n")), lab("private-key", pem.split("\n")[1], format=f, context="yaml-block"))


def pk_ci_yaml(doc, rng, ctx, pem, f):
    doc.extend(["deploy:", "  stage: deploy", "  variables:", "    DEPLOY_HOST: web-1.%s" % ctx["domain"], "    SSH_PRIVATE_KEY: |"])
    doc.secret("\n".join("      " + line for line in pem.rstrip("\n").split("\n")), lab("private-key", pem.split("\n")[1], format=f, context="yaml-block"))
    doc.extend(["  script:", "    - eval $(ssh-agent -s)", '    - echo "$SSH_PRIVATE_KEY" | ssh-add -', "    - ssh deploy@$DEPLOY_HOST ./release.sh"])


def pk_json_escaped(doc, rng, ctx, pem, f):
    doc.extend(["{", '  "issuer": "%s-service",' % ctx["app"], '  "keyId": "%s",' % r(rng, HEX, 16)])
    doc.secret('  "privateKey": %s,' % json.dumps(pem), lab("private-key", pem.split("\n")[1], format=f, context="json-escaped"))
    doc.extend(['  "algorithm": "RS256"', "}"])


def pk_env_escaped(doc, rng, ctx, pem, f):
    doc.extend(["APP_ID=%d" % rng.randrange(100000, 999999), "WEBHOOK_PROXY_URL=https://smee.io/%s" % r(rng, ALNUM, 16)])
    doc.secret('PRIVATE_KEY="%s"' % pem.rstrip("\n").replace("\n", "\\n"), lab("private-key", pem.split("\n")[1], format=f, context="env-escaped"))
    doc.add("LOG_LEVEL=debug")


def pk_py_string(doc, rng, ctx, pem, f):
    doc.extend(["import jwt", "", ""])
    doc.secret('SIGNING_KEY = """%s"""' % pem.rstrip("\n"), lab("private-key", pem.split("\n")[1], format=f, context="py-string"))
    doc.extend(["", "", "def sign(claims):", '    return jwt.encode(claims, SIGNING_KEY, algorithm="RS256")'])


def pk_tf_heredoc(doc, rng, ctx, pem, f):
    doc.extend(['resource "tls_locally_signed_cert" "app" {', '  cert_request_pem   = file("app.csr")'])
    doc.secret("  ca_private_key_pem = <<EOT\n%s\nEOT" % pem.rstrip("\n"), lab("private-key", pem.split("\n")[1], format=f, context="tf-heredoc"), )
    doc.extend(['  ca_cert_pem        = file("ca.pem")', "  validity_period_hours = 8760", '  allowed_uses = ["server_auth"]', "}"])


PRIVATE_KEY_CONTEXTS = [
    ("pem", pk_file, ["server.key", "certs/tls.key", "private.pem", "keys/jwt-private.pem", "ssl/privkey.pem", "github-app.private-key.pem", "id_rsa", "deploy_key", "id_ed25519", "AuthKey_%s.p8"]),
    ("yaml", pk_yaml_block, ["k8s/tls-secret.yaml"]),
    ("yaml", pk_ci_yaml, [".gitlab-ci.yml", "ci/deploy.yml"]),
    ("json", pk_json_escaped, ["config/signing.json", "keys.json"]),
    ("env", pk_env_escaped, [".env", ".env.github-app"]),
    ("py", pk_py_string, ["auth/tokens.py", "signing.py"]),
    ("tf", pk_tf_heredoc, ["certs.tf", "pki/main.tf"]),
]


# ---------------------------------------------------------------------------
# encoded secrets


def enc_k8s_secret(doc, rng, ctx, items):
    doc.extend(["apiVersion: v1", "kind: Secret", "metadata:", "  name: %s-credentials" % ctx["app"], "  namespace: %s" % rng.choice(["default", "prod", ctx["app"]]), "type: Opaque", "data:"])
    doc.companion("  username: %s" % base64.b64encode(ctx["app"].encode()).decode(), "base64 user name")
    for it in items:
        enc = base64.b64encode(it["value"].encode()).decode()
        doc.secret("  %s: %s" % (it["var"].lower().replace("_", "-"), enc), dict(lab("encoded", it["secret"], encoding="base64", encoded=enc, format=it["format"], provider=it["provider"], context="k8s-secret-data")))


def enc_base64_env(doc, rng, ctx, items):
    env = "\n".join("%s=%s" % (it["var"], it["value"]) for it in items) + "\nAPP_ENV=production\n"
    enc = base64.b64encode(env.encode()).decode()
    doc.extend(["name: build", "on: [push]", "jobs:", "  build:", "    runs-on: ubuntu-latest", "    env:"])
    doc.secret("      DOTENV_B64: %s" % enc, lab("encoded", items[0]["secret"], encoding="base64-dotenv", encoded=enc, format=items[0]["format"], provider=items[0]["provider"],
                                                inner=[it["secret"] for it in items], context="ci-env"))
    doc.extend(["    steps:", "      - uses: actions/checkout@v4", '      - run: echo "$DOTENV_B64" | base64 -d > .env', "      - run: make build"])


def enc_url(doc, rng, ctx, items):
    doc.add("# %s webhook tests" % ctx["app"])
    for it in items:
        q = urllib.parse.quote(it["value"], safe="")
        doc.secret("curl -X POST 'https://hooks.%s/ingest?%s=%s' -d @event.json" % (ctx["domain"], it["var"].lower(), q),
                   lab("encoded", it["secret"], encoding="percent", encoded=q, format=it["format"], provider=it["provider"], context="url-query"))


def enc_basic_auth(doc, rng, ctx, items):
    doc.add("2024-11-18 10:41:02.113 DEBUG [http-nio-8080-exec-3] o.a.http.headers : >> GET /api/v1/export HTTP/1.1")
    for it in items:
        user = rng.choice(["api", USERS[0], "x-access-token", rng.choice(NAMES)])
        enc = base64.b64encode(("%s:%s" % (user, it["value"])).encode()).decode()
        doc.secret("2024-11-18 10:41:02.114 DEBUG [http-nio-8080-exec-3] o.a.http.headers : >> Authorization: Basic %s" % enc,
                   lab("encoded", it["secret"], encoding="basic-auth", encoded=enc, format=it["format"], provider=it["provider"], context="log-header"))
    doc.add("2024-11-18 10:41:02.390 DEBUG [http-nio-8080-exec-3] o.a.http.headers : << HTTP/1.1 200 OK")


def enc_base64_json(doc, rng, ctx, sa_json, pk_first_line):
    enc = base64.b64encode(sa_json.encode()).decode()
    doc.extend(["PROJECT_ID=%s" % ctx["app"]])
    doc.secret("GOOGLE_CREDENTIALS_B64=%s" % enc, lab("encoded", pk_first_line, encoding="base64-json", encoded=enc[:40] + "...", format="gcp-service-account-key", provider="gcp", context="dotenv"))
    doc.add("REGION=europe-west1")


ENCODED_CONTEXTS = [
    ("yaml", enc_k8s_secret, ["k8s/secret.yaml", "deploy/secrets.yml"], (1, 3)),
    ("yaml", enc_base64_env, [".github/workflows/build.yml"], (2, 3)),
    ("sh", enc_url, ["scripts/webhook_test.sh"], (1, 2)),
    ("log", enc_basic_auth, ["logs/http-debug.log"], (1, 2)),
]
