"""Ordinary content that surrounds secrets in real files: imports, helper
functions, settings that are not secret. Chosen at random so files differ."""

APP_WORDS = ["billing", "orders", "inventory", "notify", "auth", "reports", "search", "checkout", "catalog", "ingest",
             "payments", "accounts", "gateway", "scheduler", "analytics", "webhooks", "media", "export", "crm", "ledger"]
HOSTS = ["db.internal", "10.0.3.17", "postgres", "mysql", "pg-primary.prod.svc.cluster.local", "localhost",
         "orders-db.c9akciq32.us-east-1.rds.amazonaws.com", "sql-prod-01.corp.local", "mariadb", "db-replica-2"]
USERS = ["app", "admin", "deploy", "svc_orders", "root", "postgres", "billing", "etl_user", "reporting", "jenkins", "web"]
NAMES = ["alice", "bob", "carol", "dmitri", "erin", "farid", "grace", "hiro", "ines", "jamal", "kasia", "lena", "miguel", "nora", "omar", "priya"]
DOMAINS = ["acme.io", "northwind.dev", "globex.com", "initech.net", "hooli.xyz", "umbrella-labs.org", "contoso.com", "example-corp.com"]

PY_HEAD = [
    ["import os", "import logging", "from pathlib import Path"],
    ["import os", "import json", "import time", "", "import requests"],
    ["import os", "import sys", "from datetime import datetime, timedelta", "", "import boto3"],
    ["from __future__ import annotations", "", "import os", "import logging", "from dataclasses import dataclass"],
    ["import os", "from pathlib import Path", "", "BASE_DIR = Path(__file__).resolve().parent.parent"],
]

PY_BLOCKS = [
    ["", "logger = logging.getLogger(__name__)", ""],
    ["", "def load_json(path):", "    with open(path) as fh:", "        return json.load(fh)", ""],
    ["", "def retry(fn, attempts=3, delay=1.5):", "    for i in range(attempts):", "        try:", "            return fn()",
     "        except Exception as exc:  # noqa: BLE001", "            if i == attempts - 1:", "                raise",
     "            time.sleep(delay * (i + 1))", ""],
    ["", "TIMEOUT = 30", "PAGE_SIZE = 100", "DEBUG = os.getenv(\"DEBUG\", \"0\") == \"1\"", ""],
    ["", "@dataclass", "class Settings:", "    region: str = \"us-east-1\"", "    bucket: str = \"acme-reports\"", "    retries: int = 5", ""],
    ["", "def chunked(items, size):", "    for i in range(0, len(items), size):", "        yield items[i:i + size]", ""],
    ["", "def parse_args(argv=None):", "    import argparse", "    p = argparse.ArgumentParser(description=__doc__)",
     "    p.add_argument(\"--since\", default=\"7d\")", "    p.add_argument(\"--dry-run\", action=\"store_true\")", "    return p.parse_args(argv)", ""],
    ["", "def fetch_page(session, url, cursor=None):", "    params = {\"limit\": PAGE_SIZE}", "    if cursor:", "        params[\"cursor\"] = cursor",
     "    resp = session.get(url, params=params, timeout=TIMEOUT)", "    resp.raise_for_status()", "    return resp.json()", ""],
]

PY_TAIL = [
    ["", "", "if __name__ == \"__main__\":", "    main()"],
    ["", "", "def main():", "    args = parse_args()", "    logging.basicConfig(level=logging.INFO)", "    logger.info(\"starting run since=%s\", args.since)", "", "", "if __name__ == \"__main__\":", "    main()"],
    [""],
]

DJANGO = [
    "\"\"\"Django settings for {app} project.\"\"\"",
    "",
    "import os",
    "from pathlib import Path",
    "",
    "BASE_DIR = Path(__file__).resolve().parent.parent",
    "",
    "DEBUG = False",
    "ALLOWED_HOSTS = [\"{app}.{domain}\", \"localhost\"]",
    "",
    "INSTALLED_APPS = [",
    "    \"django.contrib.admin\",",
    "    \"django.contrib.auth\",",
    "    \"django.contrib.contenttypes\",",
    "    \"django.contrib.sessions\",",
    "    \"django.contrib.messages\",",
    "    \"django.contrib.staticfiles\",",
    "    \"rest_framework\",",
    "    \"{app}\",",
    "]",
    "",
    "MIDDLEWARE = [",
    "    \"django.middleware.security.SecurityMiddleware\",",
    "    \"django.contrib.sessions.middleware.SessionMiddleware\",",
    "    \"django.middleware.common.CommonMiddleware\",",
    "    \"django.middleware.csrf.CsrfViewMiddleware\",",
    "]",
    "",
    "ROOT_URLCONF = \"{app}.urls\"",
    "WSGI_APPLICATION = \"{app}.wsgi.application\"",
    "",
    "LANGUAGE_CODE = \"en-us\"",
    "TIME_ZONE = \"UTC\"",
    "USE_TZ = True",
    "STATIC_URL = \"/static/\"",
    "DEFAULT_AUTO_FIELD = \"django.db.models.BigAutoField\"",
]

JS_HEAD = [
    ["'use strict';", "", "const express = require('express');", "const axios = require('axios');"],
    ["import axios from 'axios';", "import { readFileSync } from 'fs';"],
    ["const path = require('path');", "const fs = require('fs');", "const { promisify } = require('util');"],
    ["import express from 'express';", "import cors from 'cors';", "import helmet from 'helmet';"],
    ["// Shared configuration for the {app} service", "const path = require('path');"],
]

JS_BLOCKS = [
    ["", "const PORT = process.env.PORT || 3000;", "const LOG_LEVEL = process.env.LOG_LEVEL || 'info';", ""],
    ["", "function sleep(ms) {", "  return new Promise((resolve) => setTimeout(resolve, ms));", "}", ""],
    ["", "async function withRetry(fn, attempts = 3) {", "  for (let i = 0; i < attempts; i += 1) {", "    try {", "      return await fn();",
     "    } catch (err) {", "      if (i === attempts - 1) throw err;", "      await sleep(500 * (i + 1));", "    }", "  }", "}", ""],
    ["", "const defaults = {", "  timeoutMs: 10000,", "  region: 'eu-west-1',", "  pageSize: 50,", "};", ""],
    ["", "function formatCurrency(cents, currency = 'USD') {", "  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);", "}", ""],
    ["", "const app = express();", "app.use(express.json());", "", "app.get('/healthz', (req, res) => res.send('ok'));", ""],
]

JS_TAIL = [
    ["", "module.exports = { defaults };"],
    ["", "app.listen(PORT, () => console.log(`listening on ${PORT}`));"],
    ["", "export default defaults;"],
    [""],
]

GO_HEAD = ["package {pkg}", "", "import (", "\t\"context\"", "\t\"fmt\"", "\t\"net/http\"", "\t\"os\"", "\t\"time\"", ")", ""]
GO_BLOCKS = [
    ["", "type Client struct {", "\thttp    *http.Client", "\tbaseURL string", "\ttoken   string", "}", ""],
    ["", "func NewClient(baseURL, token string) *Client {", "\treturn &Client{http: &http.Client{Timeout: 15 * time.Second}, baseURL: baseURL, token: token}", "}", ""],
    ["", "func (c *Client) Get(ctx context.Context, path string) (*http.Response, error) {",
     "\treq, err := http.NewRequestWithContext(ctx, http.MethodGet, c.baseURL+path, nil)", "\tif err != nil {", "\t\treturn nil, err", "\t}",
     "\treq.Header.Set(\"Authorization\", \"Bearer \"+c.token)", "\treturn c.http.Do(req)", "}", ""],
    ["", "func envOr(key, fallback string) string {", "\tif v := os.Getenv(key); v != \"\" {", "\t\treturn v", "\t}", "\treturn fallback", "}", ""],
    ["", "func main() {", "\tctx := context.Background()", "\tc := NewClient(envOr(\"API_URL\", \"https://api.internal\"), apiToken)",
     "\tresp, err := c.Get(ctx, \"/v1/status\")", "\tif err != nil {", "\t\tfmt.Fprintln(os.Stderr, err)", "\t\tos.Exit(1)", "\t}", "\tdefer resp.Body.Close()", "}", ""],
]

JAVA_HEAD = ["package com.{org}.{app}.config;", "", "import java.time.Duration;", "import java.util.Map;", "",
             "/**", " * Connection settings for the {app} service.", " */", "public final class {cls} {", ""]
JAVA_BLOCKS = [
    ["    public static final Duration TIMEOUT = Duration.ofSeconds(30);", "    public static final int MAX_RETRIES = 3;", ""],
    ["    private {cls}() {", "    }", ""],
    ["    public static Map<String, String> headers(String token) {", "        return Map.of(\"Authorization\", \"Bearer \" + token, \"Accept\", \"application/json\");", "    }", ""],
    ["    public static String region() {", "        return System.getenv().getOrDefault(\"REGION\", \"eu-central-1\");", "    }", ""],
]

CS_HEAD = ["using System;", "using System.Net.Http;", "using System.Threading.Tasks;", "", "namespace {ns}", "{", "    public static class {cls}", "    {"]
CS_BLOCKS = [
    ["        public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);", ""],
    ["        public static HttpClient CreateClient(string token)", "        {", "            var client = new HttpClient { Timeout = Timeout };",
     "            client.DefaultRequestHeaders.Add(\"Authorization\", $\"Bearer {{token}}\");", "            return client;", "        }", ""],
    ["        public static string Region => Environment.GetEnvironmentVariable(\"REGION\") ?? \"westeurope\";", ""],
]

RB_HEAD = [["# frozen_string_literal: true", ""], ["require 'net/http'", "require 'json'", ""], ["# config/initializers/{app}.rb", ""]]
RB_BLOCKS = [
    ["Rails.application.configure do", "  config.x.{app}.timeout = 15", "  config.x.{app}.retries = 3", "end", ""],
    ["module {Cls}", "  def self.client", "    @client ||= build_client", "  end", "end", ""],
    ["def with_retries(attempts = 3)", "  yield", "rescue StandardError", "  attempts -= 1", "  retry if attempts.positive?", "  raise", "end", ""],
]

PHP_HEAD = ["<?php", "", "declare(strict_types=1);", ""]
PHP_BLOCKS = [
    ["function http_get(string $url, array $headers = []): string", "{", "    $ch = curl_init($url);", "    curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);",
     "    curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);", "    $out = curl_exec($ch);", "    curl_close($ch);", "    return (string) $out;", "}", ""],
    ["$config['timezone'] = 'Europe/Berlin';", "$config['debug'] = false;", ""],
]

SH_HEAD = [["#!/usr/bin/env bash", "set -euo pipefail", ""], ["#!/bin/sh", "set -e", ""], ["#!/usr/bin/env bash", "# Deploy script for {app}", "set -eu", ""]]
SH_BLOCKS = [
    ["cd \"$(dirname \"$0\")/..\"", ""],
    ["log() { echo \"[$(date -u +%FT%TZ)] $*\" >&2; }", ""],
    ["log \"building image\"", "docker build -t {app}:\"${{GIT_SHA:-dev}}\" .", ""],
    ["for host in web-1 web-2 web-3; do", "  ssh \"deploy@$host\" 'sudo systemctl restart {app}'", "done", ""],
    ["if [ ! -d node_modules ]; then", "  npm ci", "fi", ""],
    ["kubectl -n {app} rollout status deploy/{app} --timeout=120s", ""],
]

ENV_PLAIN = [
    "APP_NAME={app}", "APP_ENV=production", "PORT=8080", "LOG_LEVEL=info", "NODE_ENV=production", "TZ=UTC", "DB_HOST={host}",
    "DB_PORT=5432", "DB_NAME={app}", "REDIS_HOST=redis", "REDIS_PORT=6379", "CACHE_TTL=300", "FEATURE_NEW_CHECKOUT=true",
    "S3_BUCKET={app}-uploads", "AWS_REGION=us-east-1", "SMTP_HOST=smtp.mailgun.org", "SMTP_PORT=587", "SENTRY_ENVIRONMENT=production",
    "MAX_UPLOAD_MB=25", "WORKERS=4", "PUBLIC_URL=https://{app}.{domain}", "ALLOWED_ORIGINS=https://{app}.{domain}", "QUEUE_NAME={app}-jobs",
]

YAML_PLAIN = ["log_level: info", "port: 8080", "region: eu-west-1", "timeout_seconds: 30", "replicas: 3", "bucket: {app}-assets",
              "feature_flags:\n  new_checkout: true\n  beta_search: false", "cache:\n  ttl: 300\n  size: 1024"]

XML_PLAIN = ['    <add key="Environment" value="Production" />', '    <add key="PageSize" value="50" />', '    <add key="Region" value="westeurope" />',
             '    <add key="EnableTelemetry" value="true" />', '    <add key="SupportEmail" value="support@{domain}" />']

LOG_LINES = [
    "{ts} INFO  [main] o.s.b.w.embedded.tomcat.TomcatWebServer : Tomcat started on port(s): 8080 (http)",
    "{ts} INFO  {app}.worker: processed batch size=100 duration_ms=842",
    "{ts} WARN  {app}.http: slow request method=GET path=/api/v1/orders status=200 duration_ms=2311",
    "{ts} DEBUG {app}.db: pool stats active=4 idle=6 waiting=0",
    "{ts} INFO  {app}.scheduler: job=nightly-export started",
    "{ts} ERROR {app}.http: upstream timeout host=payments.internal attempt=2",
    "{ts} INFO  {app}.cache: warmed 1532 keys in 0.41s",
    "{ts} INFO  {app}.auth: user login ok user_id=48213",
]
