"""Real key material from a seeded random generator, standard library only.

Every key here is a genuine, usable key pair (the modulus is a product of
two primes, the EC point is on the curve, the Ed25519 public key is derived
from its seed), written in the encodings people leak: PEM PKCS#1, PKCS#8 and
SEC1, OpenSSH, PuTTY .ppk, PGP armour. Everything is derived from the
`random.Random` passed in, so the bytes are identical on every run.
"""

import base64
import hashlib
import hmac
import json
import struct

# ---------------------------------------------------------------------------
# primes and RSA

_SMALL_PRIMES = [p for p in range(3, 5000) if all(p % q for q in range(2, int(p**0.5) + 1))]


def _miller_rabin(n, rng, rounds):
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
        a = rng.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def random_prime(bits, rng):
    """A prime of exactly `bits` bits with the top two bits set.

    Searches upwards from a random odd start through a sieved window, so only
    about one candidate in ten reaches a modular exponentiation.
    """
    window = 4096
    while True:
        start = rng.getrandbits(bits) | (3 << (bits - 2)) | 1
        alive = bytearray([1]) * window  # alive[i]: start + 2*i may be prime
        for p in _SMALL_PRIMES:
            # first i with start + 2i ≡ 0 (mod p)
            r = start % p
            i = ((p - r) * pow(2, -1, p)) % p
            alive[i::p] = bytes(len(range(i, window, p)))
        for i in range(window):
            if not alive[i]:
                continue
            n = start + 2 * i
            if pow(2, n - 1, n) != 1:
                continue
            if _miller_rabin(n, rng, 6):
                return n


class RSAKey:
    """An RSA key pair with its CRT parameters."""

    def __init__(self, bits, rng):
        e = 65537
        while True:
            p = random_prime(bits // 2, rng)
            q = random_prime(bits // 2, rng)
            if p == q:
                continue
            if p < q:
                p, q = q, p
            phi = (p - 1) * (q - 1)
            if phi % e == 0:
                continue
            n = p * q
            if n.bit_length() != bits:
                continue
            break
        self.n, self.e, self.p, self.q = n, e, p, q
        self.d = pow(e, -1, phi)
        self.dp = self.d % (p - 1)
        self.dq = self.d % (q - 1)
        self.qinv = pow(q, -1, p)
        self.bits = bits

    def sign_pkcs1_sha256(self, message):
        """RSASSA-PKCS1-v1_5 with SHA-256 (as JWT RS256 and X.509 use it)."""
        digest_info = bytes.fromhex("3031300d060960864801650304020105000420") + hashlib.sha256(message).digest()
        k = (self.n.bit_length() + 7) // 8
        em = b"\x00\x01" + b"\xff" * (k - len(digest_info) - 3) + b"\x00" + digest_info
        m = int.from_bytes(em, "big")
        # CRT
        s1 = pow(m, self.dp, self.p)
        s2 = pow(m, self.dq, self.q)
        h = (self.qinv * (s1 - s2)) % self.p
        s = s2 + h * self.q
        return s.to_bytes(k, "big")


# ---------------------------------------------------------------------------
# DER


def _der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, body):
    return bytes([tag]) + _der_len(len(body)) + body


def der_int(v):
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")
    return der(0x02, b)


def der_seq(*items):
    return der(0x30, b"".join(items))


def der_oid(dotted):
    parts = [int(x) for x in dotted.split(".")]
    body = bytearray([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        chunk = [p & 0x7F]
        p >>= 7
        while p:
            chunk.append(0x80 | (p & 0x7F))
            p >>= 7
        body.extend(reversed(chunk))
    return der(0x06, bytes(body))


def der_octets(b):
    return der(0x04, b)


def der_bits(b):
    return der(0x03, b"\x00" + b)


DER_NULL = b"\x05\x00"
OID_RSA = "1.2.840.113549.1.1.1"
OID_RSA_SHA256 = "1.2.840.113549.1.1.11"
OID_EC = "1.2.840.10045.2.1"
OID_P256 = "1.2.840.10045.3.1.7"
OID_ED25519 = "1.3.101.112"


def pem(label, body):
    b64 = base64.b64encode(body).decode()
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return "-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label)


def rsa_pkcs1_der(k):
    return der_seq(*(der_int(x) for x in (0, k.n, k.e, k.d, k.p, k.q, k.dp, k.dq, k.qinv)))


def rsa_pkcs1_pem(k):
    return pem("RSA PRIVATE KEY", rsa_pkcs1_der(k))


def rsa_pkcs8_pem(k):
    body = der_seq(der_int(0), der_seq(der_oid(OID_RSA), DER_NULL), der_octets(rsa_pkcs1_der(k)))
    return pem("PRIVATE KEY", body)


def rsa_spki_der(k):
    return der_seq(der_seq(der_oid(OID_RSA), DER_NULL), der_bits(der_seq(der_int(k.n), der_int(k.e))))


def rsa_public_pem(k):
    return pem("PUBLIC KEY", rsa_spki_der(k))


def rsa_pkcs1_public_pem(k):
    return pem("RSA PUBLIC KEY", der_seq(der_int(k.n), der_int(k.e)))


# ---------------------------------------------------------------------------
# P-256

_P = 0xFFFFFFFF00000001000000000000000000000000FFFFFFFFFFFFFFFFFFFFFFFF
_A = _P - 3
_B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B
_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
_G = (
    0x6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296,
    0x4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5,
)


def _ec_add(p1, p2):
    if p1 is None:
        return p2
    if p2 is None:
        return p1
    (x1, y1), (x2, y2) = p1, p2
    if x1 == x2:
        if (y1 + y2) % _P == 0:
            return None
        lam = (3 * x1 * x1 + _A) * pow(2 * y1, -1, _P) % _P
    else:
        lam = (y2 - y1) * pow(x2 - x1, -1, _P) % _P
    x3 = (lam * lam - x1 - x2) % _P
    return (x3, (lam * (x1 - x3) - y1) % _P)


def _ec_mul(k, point=_G):
    result = None
    while k:
        if k & 1:
            result = _ec_add(result, point)
        point = _ec_add(point, point)
        k >>= 1
    return result


class ECKey:
    """A P-256 key pair."""

    def __init__(self, rng):
        self.d = rng.randrange(1, _N)
        self.x, self.y = _ec_mul(self.d)
        assert (self.y * self.y - self.x**3 - _A * self.x - _B) % _P == 0

    def public_point(self):
        return b"\x04" + self.x.to_bytes(32, "big") + self.y.to_bytes(32, "big")

    def sign_sha256(self, message, rng):
        """ECDSA over SHA-256, r||s as JWT ES256 wants it (nonce from rng)."""
        z = int.from_bytes(hashlib.sha256(message).digest(), "big")
        while True:
            k = rng.randrange(1, _N)
            r = _ec_mul(k)[0] % _N
            if r == 0:
                continue
            s = pow(k, -1, _N) * (z + r * self.d) % _N
            if s:
                return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def ec_sec1_der(k, with_params=True):
    items = [der_int(1), der_octets(k.d.to_bytes(32, "big"))]
    if with_params:
        items.append(der(0xA0, der_oid(OID_P256)))
    items.append(der(0xA1, der_bits(k.public_point())))
    return der_seq(*items)


def ec_sec1_pem(k):
    return pem("EC PRIVATE KEY", ec_sec1_der(k))


def ec_pkcs8_pem(k):
    body = der_seq(der_int(0), der_seq(der_oid(OID_EC), der_oid(OID_P256)), der_octets(ec_sec1_der(k, False)))
    return pem("PRIVATE KEY", body)


def ec_public_pem(k):
    return pem("PUBLIC KEY", der_seq(der_seq(der_oid(OID_EC), der_oid(OID_P256)), der_bits(k.public_point())))


# ---------------------------------------------------------------------------
# Ed25519 (RFC 8032, public key derivation and signing)

_EP = 2**255 - 19
_EL = 2**252 + 27742317777372353535851937790883648493
_ED = -121665 * pow(121666, -1, _EP) % _EP


def _ed_add(P, Q):
    x1, y1, z1, t1 = P
    x2, y2, z2, t2 = Q
    a = (y1 - x1) * (y2 - x2) % _EP
    b = (y1 + x1) * (y2 + x2) % _EP
    c = 2 * t1 * t2 * _ED % _EP
    d = 2 * z1 * z2 % _EP
    e, f, g, h = b - a, d - c, d + c, b + a
    return (e * f % _EP, g * h % _EP, f * g % _EP, e * h % _EP)


def _ed_mul(s, P):
    Q = (0, 1, 1, 0)
    while s:
        if s & 1:
            Q = _ed_add(Q, P)
        P = _ed_add(P, P)
        s >>= 1
    return Q


def _ed_recover_x(y, sign):
    x2 = (y * y - 1) * pow(_ED * y * y + 1, -1, _EP)
    x = pow(x2, (_EP + 3) // 8, _EP)
    if (x * x - x2) % _EP != 0:
        x = x * pow(2, (_EP - 1) // 4, _EP) % _EP
    if (x & 1) != sign:
        x = _EP - x
    return x


_GY = 4 * pow(5, -1, _EP) % _EP
_GX = _ed_recover_x(_GY, 0)
_EG = (_GX, _GY, 1, _GX * _GY % _EP)


def _ed_compress(P):
    zinv = pow(P[2], -1, _EP)
    x, y = P[0] * zinv % _EP, P[1] * zinv % _EP
    return int.to_bytes(y | ((x & 1) << 255), 32, "little")


def _ed_expand(seed):
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    return a, h[32:]


class Ed25519Key:
    """An Ed25519 key pair from a 32-byte seed."""

    def __init__(self, rng=None, seed=None):
        self.seed = seed if seed is not None else bytes(rng.getrandbits(8) for _ in range(32))
        a, _ = _ed_expand(self.seed)
        self.public = _ed_compress(_ed_mul(a, _EG))

    def sign(self, msg):
        a, prefix = _ed_expand(self.seed)
        r = int.from_bytes(hashlib.sha512(prefix + msg).digest(), "little") % _EL
        R = _ed_compress(_ed_mul(r, _EG))
        h = int.from_bytes(hashlib.sha512(R + self.public + msg).digest(), "little") % _EL
        s = (r + h * a) % _EL
        return R + int.to_bytes(s, 32, "little")


def ed25519_pkcs8_pem(k):
    return pem("PRIVATE KEY", der_seq(der_int(0), der_seq(der_oid(OID_ED25519)), der_octets(der_octets(k.seed))))


def ed25519_public_pem(k):
    return pem("PUBLIC KEY", der_seq(der_seq(der_oid(OID_ED25519)), der_bits(k.public)))


# ---------------------------------------------------------------------------
# SSH wire format, OpenSSH private keys, PuTTY


def ssh_string(b):
    if isinstance(b, str):
        b = b.encode()
    return struct.pack(">I", len(b)) + b


def ssh_mpint(v):
    b = v.to_bytes((v.bit_length() + 8) // 8, "big") if v else b""
    return ssh_string(b)


def ssh_public_blob(k):
    if isinstance(k, RSAKey):
        return ssh_string("ssh-rsa") + ssh_mpint(k.e) + ssh_mpint(k.n)
    if isinstance(k, Ed25519Key):
        return ssh_string("ssh-ed25519") + ssh_string(k.public)
    if isinstance(k, ECKey):
        return ssh_string("ecdsa-sha2-nistp256") + ssh_string("nistp256") + ssh_string(k.public_point())
    raise TypeError(k)


def ssh_key_type(k):
    return {RSAKey: "ssh-rsa", Ed25519Key: "ssh-ed25519", ECKey: "ecdsa-sha2-nistp256"}[type(k)]


def ssh_public_line(k, comment):
    return "%s %s %s" % (ssh_key_type(k), base64.b64encode(ssh_public_blob(k)).decode(), comment)


def openssh_private(k, comment, rng):
    """An unencrypted `openssh-key-v1` private key file."""
    check = rng.getrandbits(32)
    body = struct.pack(">II", check, check)
    if isinstance(k, RSAKey):
        body += ssh_string("ssh-rsa") + b"".join(ssh_mpint(x) for x in (k.n, k.e, k.d, k.qinv, k.p, k.q))
    elif isinstance(k, Ed25519Key):
        body += ssh_string("ssh-ed25519") + ssh_string(k.public) + ssh_string(k.seed + k.public)
    else:
        body += (
            ssh_string("ecdsa-sha2-nistp256") + ssh_string("nistp256") + ssh_string(k.public_point()) + ssh_mpint(k.d)
        )
    body += ssh_string(comment)
    pad = 1
    while len(body) % 8:
        body += bytes([pad])
        pad += 1
    blob = (
        b"openssh-key-v1\x00"
        + ssh_string("none")
        + ssh_string("none")
        + ssh_string(b"")
        + struct.pack(">I", 1)
        + ssh_string(ssh_public_blob(k))
        + ssh_string(body)
    )
    b64 = base64.b64encode(blob).decode()
    lines = [b64[i : i + 70] for i in range(0, len(b64), 70)]
    return "-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n-----END OPENSSH PRIVATE KEY-----\n" % "\n".join(lines)


def putty_ppk(k, comment, version):
    """An unencrypted PuTTY private key file with a correct Private-MAC.

    Version 2 MACs with HMAC-SHA-1 keyed by SHA-1("putty-private-key-file-mac-key");
    version 3 with HMAC-SHA-256 and an empty key when there is no passphrase.
    """
    algo = ssh_key_type(k)
    public = ssh_public_blob(k)
    if isinstance(k, RSAKey):
        private = ssh_mpint(k.d) + ssh_mpint(k.p) + ssh_mpint(k.q) + ssh_mpint(k.qinv)
    elif isinstance(k, Ed25519Key):
        private = ssh_string(k.seed)
    else:
        private = ssh_mpint(k.d)
    mac_data = ssh_string(algo) + ssh_string("none") + ssh_string(comment) + ssh_string(public) + ssh_string(private)
    if version == 2:
        mac = hmac.new(hashlib.sha1(b"putty-private-key-file-mac-key").digest(), mac_data, hashlib.sha1).hexdigest()
    else:
        mac = hmac.new(b"", mac_data, hashlib.sha256).hexdigest()

    def lines(b):
        s = base64.b64encode(b).decode()
        return [s[i : i + 64] for i in range(0, len(s), 64)]

    pub, priv = lines(public), lines(private)
    out = ["PuTTY-User-Key-File-%d: %s" % (version, algo), "Encryption: none", "Comment: %s" % comment]
    out.append("Public-Lines: %d" % len(pub))
    out += pub
    out.append("Private-Lines: %d" % len(priv))
    out += priv
    out.append("Private-MAC: %s" % mac)
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# OpenPGP (RFC 4880): an unprotected RSA secret key packet and a user id


def _pgp_mpi(v):
    b = v.to_bytes((v.bit_length() + 7) // 8, "big")
    return struct.pack(">H", v.bit_length()) + b


def _pgp_packet(tag, body):
    # new-format packet header
    n = len(body)
    if n < 192:
        ln = bytes([n])
    elif n < 8384:
        n2 = n - 192
        ln = bytes([(n2 >> 8) + 192, n2 & 0xFF])
    else:
        ln = b"\xff" + struct.pack(">I", n)
    return bytes([0xC0 | tag]) + ln + body


def _crc24(data):
    crc = 0xB704CE
    for byte in data:
        crc ^= byte << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def pgp_private_block(k, user_id, created):
    # RFC 4880 orders the primes p < q and stores u = p^-1 mod q
    p, q = min(k.p, k.q), max(k.p, k.q)
    public = b"\x04" + struct.pack(">I", created) + b"\x01" + _pgp_mpi(k.n) + _pgp_mpi(k.e)
    secret_mpis = _pgp_mpi(k.d) + _pgp_mpi(p) + _pgp_mpi(q) + _pgp_mpi(pow(p, -1, q))
    checksum = sum(secret_mpis) & 0xFFFF
    secret = public + b"\x00" + secret_mpis + struct.pack(">H", checksum)
    data = _pgp_packet(5, secret) + _pgp_packet(13, user_id.encode())
    b64 = base64.b64encode(data).decode()
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    crc = base64.b64encode(_crc24(data).to_bytes(3, "big")).decode()
    return "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n%s\n=%s\n-----END PGP PRIVATE KEY BLOCK-----\n" % (
        "\n".join(lines),
        crc,
    )


def pgp_public_block(k, user_id, created):
    public = b"\x04" + struct.pack(">I", created) + b"\x01" + _pgp_mpi(k.n) + _pgp_mpi(k.e)
    data = _pgp_packet(6, public) + _pgp_packet(13, user_id.encode())
    b64 = base64.b64encode(data).decode()
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    crc = base64.b64encode(_crc24(data).to_bytes(3, "big")).decode()
    return "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n%s\n=%s\n-----END PGP PUBLIC KEY BLOCK-----\n" % (
        "\n".join(lines),
        crc,
    )


# ---------------------------------------------------------------------------
# X.509 self-signed certificates (decoys: a certificate is public)


def _der_time(s):
    return der(0x17, s.encode())  # UTCTime YYMMDDHHMMSSZ


def _name(cn, org):
    def rdn(oid, value):
        return der(0x31, der_seq(der_oid(oid), der(0x0C, value.encode())))

    return der_seq(rdn("2.5.4.6", "US"), rdn("2.5.4.10", org), rdn("2.5.4.3", cn))


def self_signed_cert_pem(k, cn, org, serial, not_before="240101000000Z", not_after="340101000000Z"):
    alg = der_seq(der_oid(OID_RSA_SHA256), DER_NULL)
    tbs = der_seq(
        der(0xA0, der_int(2)),
        der_int(serial),
        alg,
        _name(cn, org),
        der_seq(_der_time(not_before), _der_time(not_after)),
        _name(cn, org),
        rsa_spki_der(k),
    )
    cert = der_seq(tbs, alg, der_bits(k.sign_pkcs1_sha256(tbs)))
    return pem("CERTIFICATE", cert)


# ---------------------------------------------------------------------------
# JWT


def b64url(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def _compact(obj):
    return json.dumps(obj, separators=(",", ":")).encode()


def jwt_hs256(payload, key, header=None):
    h = header or {"alg": "HS256", "typ": "JWT"}
    signing_input = b64url(_compact(h)) + "." + b64url(_compact(payload))
    sig = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64url(sig)


def jwt_rs256(payload, k, kid=None):
    h = {"alg": "RS256", "typ": "JWT"}
    if kid:
        h["kid"] = kid
    signing_input = b64url(_compact(h)) + "." + b64url(_compact(payload))
    return signing_input + "." + b64url(k.sign_pkcs1_sha256(signing_input.encode()))


def jwt_es256(payload, k, rng):
    h = {"alg": "ES256", "typ": "JWT"}
    signing_input = b64url(_compact(h)) + "." + b64url(_compact(payload))
    return signing_input + "." + b64url(k.sign_sha256(signing_input.encode(), rng))


def jwt_eddsa(payload, k):
    h = {"alg": "EdDSA", "typ": "JWT"}
    signing_input = b64url(_compact(h)) + "." + b64url(_compact(payload))
    return signing_input + "." + b64url(k.sign(signing_input.encode()))
