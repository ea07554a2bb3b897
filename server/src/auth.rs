//! Bearer tokens with roles, stored as SHA-256 hashes, and a per-token rate limit.
//!
//! A token is 32 random bytes written as 64 hex digits after the prefix `ec_`; the
//! configuration holds only its SHA-256, so a leaked configuration grants nothing. The
//! `edgecore-server token --role user --name alice` command prints a new token and the line
//! to add to the configuration. Requests are limited per token, and anonymous requests per
//! client address, by a token bucket refilled continuously at `rate_limit_per_minute`.

use crate::config::{AuthConfig, Role, TokenEntry};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

/// Rate-limit buckets kept at most; beyond, buckets refilled to capacity are dropped, and
/// anonymous callers from new addresses share one overflow bucket until room is made.
const MAX_BUCKETS: usize = 65_536;

/// Who is calling, once the token is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The token's name ("anonymous" without a token).
    pub name: String,
    /// The granted role (`None` for an anonymous caller).
    pub role: Option<Role>,
    /// Key of the caller's rate-limit bucket (the token hash, or "anonymous" and the client
    /// address).
    bucket: String,
}

/// Why a request is refused before it reaches a handler.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Denied {
    /// No token, a malformed header or an unknown token: 401.
    Unauthenticated(&'static str),
    /// A valid token whose role is too low: 403.
    Forbidden {
        /// The role the route needs.
        needed: Role,
    },
    /// Too many requests for this token: 429, retry after this many seconds.
    RateLimited {
        /// Seconds until one request is available again.
        retry_after: u64,
    },
}

/// Lower-case hex SHA-256 of a token.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// A new random token (`ec_` + 64 hex digits) and its SHA-256.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = format!("ec_{}", hex::encode(bytes));
    let hash = hash_token(&token);
    (token, hash)
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Checks tokens and rate limits; built once from the configuration.
pub struct Auth {
    by_hash: HashMap<String, TokenEntry>,
    public_reads: bool,
    per_minute: f64,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl Auth {
    /// Builds the checker from the configuration's token hashes.
    pub fn new(config: &AuthConfig) -> Auth {
        Auth {
            by_hash: config
                .tokens
                .iter()
                .map(|t| (t.sha256.to_ascii_lowercase(), t.clone()))
                .collect(),
            public_reads: config.public_reads,
            per_minute: f64::from(config.rate_limit_per_minute.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Identifies the caller from the `Authorization` header value, if any (the scheme
    /// `Bearer` in any case). An anonymous caller's rate-limit bucket is its client address.
    pub fn identify(&self, header: Option<&str>, client: Option<IpAddr>) -> Result<Caller, Denied> {
        let Some(value) = header else {
            return Ok(Caller {
                name: "anonymous".into(),
                role: None,
                bucket: client.map_or_else(|| "anonymous".into(), |ip| format!("anonymous {ip}")),
            });
        };
        let token = value
            .trim()
            .split_once(' ')
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|t| !t.is_empty())
            .ok_or(Denied::Unauthenticated(
                "the Authorization header must be `Bearer <token>`",
            ))?;
        let hash = hash_token(token);
        let entry = self
            .by_hash
            .get(&hash)
            .ok_or(Denied::Unauthenticated("unknown token"))?;
        Ok(Caller {
            name: entry.name.clone(),
            role: Some(entry.role),
            bucket: hash,
        })
    }

    /// Whether `caller` may use a route needing `needed` (`None`: open route). Reads
    /// (`Viewer`) are open to anonymous callers only when `public_reads` is on.
    pub fn authorize(&self, caller: &Caller, needed: Option<Role>) -> Result<(), Denied> {
        let Some(needed) = needed else {
            return Ok(());
        };
        match caller.role {
            Some(role) if role >= needed => Ok(()),
            Some(_) => Err(Denied::Forbidden { needed }),
            None if needed == Role::Viewer && self.public_reads => Ok(()),
            None => Err(Denied::Unauthenticated(
                "this route needs a bearer token (Authorization: Bearer <token>)",
            )),
        }
    }

    /// Takes one request from the caller's bucket, or says how long to wait.
    pub fn take(&self, caller: &Caller) -> Result<(), Denied> {
        self.take_at(caller, Instant::now())
    }

    fn take_at(&self, caller: &Caller, now: Instant) -> Result<(), Denied> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let capacity = self.per_minute;
        if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&caller.bucket) {
            // A bucket refilled to capacity is the same as a new one: forget it.
            buckets.retain(|_, b| {
                b.tokens + now.saturating_duration_since(b.at).as_secs_f64() * capacity / 60.0
                    < capacity
            });
        }
        let key = if buckets.len() >= MAX_BUCKETS && !buckets.contains_key(&caller.bucket) {
            "anonymous overflow"
        } else {
            caller.bucket.as_str()
        };
        let bucket = buckets.entry(key.to_string()).or_insert(Bucket {
            tokens: capacity,
            at: now,
        });
        let elapsed = now.saturating_duration_since(bucket.at).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * capacity / 60.0).min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) * 60.0 / capacity;
            Err(Denied::RateLimited {
                retry_after: wait.ceil().max(1.0) as u64,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn auth(public_reads: bool, per_minute: u32) -> (Auth, String) {
        let (token, sha256) = new_token();
        let config = AuthConfig {
            tokens: vec![TokenEntry {
                name: "alice".into(),
                role: Role::User,
                sha256,
            }],
            public_reads,
            rate_limit_per_minute: per_minute,
        };
        (Auth::new(&config), token)
    }

    #[test]
    fn tokens_and_roles() {
        let (a, token) = auth(false, 60);
        assert!(token.starts_with("ec_") && token.len() == 67);
        let caller = a.identify(Some(&format!("Bearer {token}")), None).unwrap();
        assert_eq!(caller.role, Some(Role::User));
        for scheme in ["bearer", "BEARER", "BeArEr"] {
            let c = a
                .identify(Some(&format!("{scheme}  {token} ")), None)
                .unwrap();
            assert_eq!(c.role, Some(Role::User), "{scheme}");
        }
        assert!(a.authorize(&caller, Some(Role::Viewer)).is_ok());
        assert!(a.authorize(&caller, Some(Role::User)).is_ok());
        assert_eq!(
            a.authorize(&caller, Some(Role::Admin)),
            Err(Denied::Forbidden {
                needed: Role::Admin
            })
        );
        assert!(matches!(
            a.identify(Some("Bearer ec_nope"), None),
            Err(Denied::Unauthenticated(_))
        ));
        assert!(matches!(
            a.identify(Some("Basic abc"), None),
            Err(Denied::Unauthenticated(_))
        ));
        let anonymous = a.identify(None, None).unwrap();
        assert!(a.authorize(&anonymous, None).is_ok());
        assert!(a.authorize(&anonymous, Some(Role::Viewer)).is_err());
        let (open, _) = auth(true, 60);
        assert!(open.authorize(&anonymous, Some(Role::Viewer)).is_ok());
        assert!(open.authorize(&anonymous, Some(Role::User)).is_err());
    }

    #[test]
    fn bucket_refills_over_time() {
        let (a, token) = auth(false, 2);
        let caller = a.identify(Some(&format!("Bearer {token}")), None).unwrap();
        let t0 = Instant::now();
        assert!(a.take_at(&caller, t0).is_ok());
        assert!(a.take_at(&caller, t0).is_ok());
        assert_eq!(
            a.take_at(&caller, t0),
            Err(Denied::RateLimited { retry_after: 30 })
        );
        assert!(a.take_at(&caller, t0 + Duration::from_secs(30)).is_ok());
    }
}
