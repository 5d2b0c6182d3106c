//! `casebook status`: this week at a glance for the person, open drafts,
//! predictions waiting for their actual, and the journal's state.

use super::context::Context;
use super::error::CliResult;
use crate::render;
use clap::Args;

#[derive(Debug, Args)]
#[command(after_help = "Example:\n  casebook status")]
pub struct StatusArgs {
    /// Whose week (default: you)
    #[arg(long, value_name = "NAME")]
    pub person: Option<String>,
}

pub fn run(args: StatusArgs, ctx: &mut Context) -> CliResult {
    let me = ctx.person(args.person.as_deref())?;
    let today = ctx.today();
    let status = crate::status::status(ctx.session()?, &me, today)?;
    if ctx.json() {
        ctx.ui.write(&render::status::json(&status));
    } else {
        let text = render::status::text(&status, &ctx.ui.style());
        ctx.ui.write(&text);
    }
    Ok(())
}
