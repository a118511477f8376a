//! The "program" the chapter's `main` functions run: real async work, on the
//! simulated user directory.

// ANCHOR: profile_line
/// Looks user `id` up (300 ms), then their team (200 ms): `"Ada (Compilers)"`.
pub async fn profile_line(id: u32) -> Option<String> {
    let user = sim::accounts::find_user(id).await?;
    let team = sim::accounts::find_team(user.team_id).await?;
    Some(format!("{} ({team})", user.name))
}
// ANCHOR_END: profile_line

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_profile_line_takes_both_lookups() {
        let start = tokio::time::Instant::now();
        assert_eq!(profile_line(1).await.as_deref(), Some("Ada (Compilers)"));
        assert_eq!(start.elapsed(), std::time::Duration::from_millis(500));
        assert_eq!(profile_line(7).await, None);
    }
}
