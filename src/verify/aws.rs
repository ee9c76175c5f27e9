//! AWS: an access key id and its secret key are checked together with a
//! SigV4-signed `sts:GetCallerIdentity`, which every key may call and which
//! changes nothing.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

use crate::finding::sha256_hex;

/// The STS endpoint (global, us-east-1).
pub const STS_HOST: &str = "sts.amazonaws.com";
/// The form body of the call.
pub const STS_BODY: &str = "Action=GetCallerIdentity&Version=2011-06-15";
/// Region the global STS endpoint signs for.
const REGION: &str = "us-east-1";
/// Service name in the credential scope.
const SERVICE: &str = "sts";

/// A request to sign: what SigV4 covers.
pub struct SigningInput<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// Host header value (host, with `:port` when not the default).
    pub host: &'a str,
    /// Canonical URI (already URI-encoded path).
    pub path: &'a str,
    /// Extra headers to sign besides host and x-amz-date (lowercase names).
    pub headers: &'a [(&'a str, &'a str)],
    /// Request body.
    pub body: &'a [u8],
    /// `YYYYMMDDTHHMMSSZ`.
    pub amz_date: &'a str,
    /// Region.
    pub region: &'a str,
    /// Service.
    pub service: &'a str,
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes keys of any length");
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The SigV4 signing key for a date (`YYYYMMDD`), region and service.
pub fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> Vec<u8> {
    let k_date = hmac(format!("AWS4{secret}").as_bytes(), date.as_bytes());
    let k_region = hmac(&k_date, region.as_bytes());
    let k_service = hmac(&k_region, service.as_bytes());
    hmac(&k_service, b"aws4_request")
}

/// Signs `input`; returns the `Authorization` header value.
pub fn authorization(key_id: &str, secret: &str, input: &SigningInput<'_>) -> String {
    let date = &input.amz_date[..8.min(input.amz_date.len())];
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), input.host.to_string()),
        ("x-amz-date".into(), input.amz_date.to_string()),
    ];
    headers.extend(
        input
            .headers
            .iter()
            .map(|(n, v)| (n.to_ascii_lowercase(), v.trim().to_string())),
    );
    headers.sort();
    let canonical_headers: String = headers.iter().map(|(n, v)| format!("{n}:{v}\n")).collect();
    let signed_headers = headers
        .iter()
        .map(|(n, _)| n.as_str())
        .collect::<Vec<_>>()
        .join(";");
    let canonical_request = format!(
        "{}\n{}\n\n{canonical_headers}\n{signed_headers}\n{}",
        input.method,
        input.path,
        sha256_hex(input.body)
    );
    let scope = format!("{date}/{}/{}/aws4_request", input.region, input.service);
    let string_to_sign = format!(
        "AWS4-HMAC-SHA256\n{}\n{scope}\n{}",
        input.amz_date,
        hex(&Sha256::digest(canonical_request.as_bytes()))
    );
    let signature = hex(&hmac(
        &signing_key(secret, date, input.region, input.service),
        string_to_sign.as_bytes(),
    ));
    format!(
        "AWS4-HMAC-SHA256 Credential={key_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"
    )
}

/// Headers for a signed GetCallerIdentity sent to `host` at `amz_date`.
pub fn sts_headers(key_id: &str, secret: &str, host: &str, amz_date: &str) -> Vec<(&'static str, String)> {
    let content_type = "application/x-www-form-urlencoded; charset=utf-8";
    let input = SigningInput {
        method: "POST",
        host,
        path: "/",
        headers: &[("content-type", content_type)],
        body: STS_BODY.as_bytes(),
        amz_date,
        region: REGION,
        service: SERVICE,
    };
    vec![
        ("content-type", content_type.to_string()),
        ("x-amz-date", amz_date.to_string()),
        ("authorization", authorization(key_id, secret, &input)),
    ]
}

/// The current time in SigV4's `YYYYMMDDTHHMMSSZ` form.
pub fn amz_date_now() -> String {
    jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// What an STS answer says: the caller's ARN, or the error code.
pub fn sts_answer(body: &str) -> (Option<String>, Option<String>) {
    let tag = |name: &str| {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let start = body.find(&open)? + open.len();
        let end = body[start..].find(&close)? + start;
        Some(body[start..end].trim().to_string())
    };
    (tag("Arn"), tag("Code"))
}

/// Error codes STS gives for a key id that does not exist or a wrong secret.
pub const REJECTED_CODES: &[&str] = &["InvalidClientTokenId", "SignatureDoesNotMatch"];

#[cfg(test)]
mod tests {
    use super::*;

    /// The signing-key example of the AWS SigV4 documentation.
    #[test]
    fn signing_key_matches_the_documented_example() {
        let key = signing_key(
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            "20120215",
            "us-east-1",
            "iam",
        );
        assert_eq!(
            hex(&key),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d"
        );
    }

    /// `get-vanilla` from the AWS SigV4 test suite.
    #[test]
    fn get_vanilla_signature_matches_the_test_suite() {
        let input = SigningInput {
            method: "GET",
            host: "example.amazonaws.com",
            path: "/",
            headers: &[],
            body: b"",
            amz_date: "20150830T123600Z",
            region: "us-east-1",
            service: "service",
        };
        assert_eq!(
            authorization("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", &input),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"
        );
    }

    #[test]
    fn sts_answers_are_read() {
        let ok = "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn></GetCallerIdentityResult></GetCallerIdentityResponse>";
        assert_eq!(
            sts_answer(ok),
            (Some("arn:aws:iam::123456789012:user/ci".into()), None)
        );
        let bad = "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code></Error></ErrorResponse>";
        assert_eq!(sts_answer(bad), (None, Some("InvalidClientTokenId".into())));
    }

    #[test]
    fn amz_dates_have_the_sigv4_shape() {
        let d = amz_date_now();
        assert_eq!(d.len(), 16, "{d}");
        assert!(d.ends_with('Z') && d.as_bytes()[8] == b'T');
    }
}
