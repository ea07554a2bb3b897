//! The benchmarks' HTTP client: keep-alive connections over loopback, fixed numbers of
//! requests, latency percentiles. Each benchmark uses part of it.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Instant;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// One keep-alive connection sending `request` `n` times one after the other; returns each
/// latency. Any answer other than 200 or 201 is an error.
pub async fn client(
    addr: SocketAddr,
    request: String,
    n: usize,
) -> std::io::Result<Vec<std::time::Duration>> {
    let mut s = TcpStream::connect(addr).await?;
    s.set_nodelay(true)?;
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 20);
    let mut chunk = vec![0u8; 1 << 16];
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let t = Instant::now();
        s.write_all(request.as_bytes()).await?;
        buf.clear();
        let (head, len) = loop {
            let r = s.read(&mut chunk).await?;
            if r == 0 {
                return Err(std::io::Error::other("connection closed"));
            }
            buf.extend_from_slice(&chunk[..r]);
            if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                if !(head.starts_with("http/1.1 200") || head.starts_with("http/1.1 201")) {
                    return Err(std::io::Error::other(format!("status: {head}")));
                }
                let len = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse::<usize>().ok())
                    .ok_or_else(|| std::io::Error::other("no content-length"))?;
                break (end + 4, len);
            }
        };
        while buf.len() < head + len {
            let r = s.read(&mut chunk).await?;
            if r == 0 {
                return Err(std::io::Error::other("connection closed"));
            }
            buf.extend_from_slice(&chunk[..r]);
        }
        out.push(t.elapsed());
    }
    Ok(out)
}

/// A GET with a token.
pub fn get(path: &str, token: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: bench\r\nAuthorization: Bearer {token}\r\n\r\n")
}

/// `total` requests over `connections` keep-alive connections, connection `i` to
/// `addrs[i % addrs.len()]` (a load balancer spreading connections); prints requests/s and
/// latency percentiles under `label`.
pub async fn load(
    addrs: &[SocketAddr],
    label: &str,
    request: &str,
    connections: usize,
    total: usize,
) {
    let path = label;
    let per = total / connections;
    let start = Instant::now();
    let tasks: Vec<_> = (0..connections)
        .map(|i| tokio::spawn(client(addrs[i % addrs.len()], request.to_string(), per)))
        .collect();
    let mut lat = Vec::with_capacity(total);
    for t in tasks {
        match t.await {
            Ok(Ok(l)) => lat.extend(l),
            Ok(Err(e)) => panic!("{path}: {e}"),
            Err(e) => panic!("{path}: {e}"),
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    lat.sort();
    let pct = |p: f64| {
        lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1)))
            .map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    println!(
        "{path:<20} {:>7} requests, {connections:>3} connections to {} server(s): {:>9.0} \
         req/s, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        lat.len(),
        addrs.len(),
        lat.len() as f64 / elapsed,
        pct(0.50),
        pct(0.99),
        pct(1.0)
    );
}

/// One request, its answer read and checked.
pub async fn load_quiet(addr: SocketAddr, request: &str) {
    client(addr, request.to_string(), 1).await.expect("answer");
}
