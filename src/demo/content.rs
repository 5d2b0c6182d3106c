//! The content of `casebook demo`: one year of practice for one support
//! specialist at a SaaS company (billing, api, mobile, integrations,
//! reporting, admin-console), as the records `casebook import` reads. The
//! story runs from a first quarter of overconfident predictions and an agent
//! that escalates too much, through two shipped playbook and rule changes and
//! a growing knowledge base, to a calibrated specialist whose escalations are
//! mostly the right ones. This file owns only the words and the figures: the
//! tables below hold each kind's entries with their day offset from the end
//! of the year, and the small builders turn them into JSON records. Dates are
//! computed from `end` and moved off weekends; times fall in working hours.
//! Nothing here is random, so the same inputs always give the same journal.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde_json::{Map, Value, json};

type S = &'static str;
type L = &'static [&'static str];

// Ids of the entries that other entries point to (links, evidence, gap_entry).
const DG_AUTH_HOLD: S = "kmsmvxnqwvtx";
const DG_MDM: S = "koxllpwyunmp";
const DG_SSO_CERT: S = "kszsqvyvvmrn";
const DG_BULK: S = "ktmqzqtqryrs";
const DG_PRORATION: S = "lkorltosxnnm";
const DG_OWNER: S = "lkrzskymmmzs";
const DG_RATE: S = "lnykmyuqsyzr";
const DG_EXPORT_TZ: S = "lotxontpnqvn";
const DG_VAT: S = "lrnpslpqttqt";
const DG_SCIM: S = "mlqzxuyyvtrp";
const DG_CALENDAR: S = "mlzqvyquvzkx";
const DG_SANDBOX: S = "wsulzsvoqmsr";
const DG_MERGE: S = "wwmvxslsnlto";
const PM_POLICY: S = "mporrkzpstko";
const PM_SSO: S = "mqtnovosoyrn";
const PM_THIRD: S = "msrqryzwmztl";
const PM_BOARD: S = "mvkuyykwutmn";
const PM_LOYAL: S = "mwyyrnroonym";
const PM_STORM: S = "nnzyzztmonus";
const PM_ACCESS: S = "nqzttyyynqtm";
const PM_SEATS: S = "nzywsxzozpkt";
const KB_SSO: S = "okoyozvookkn";
const KB_PRORATION: S = "olvyxookypko";
const KB_OWNER: S = "onvkmqwosvvz";
const KB_RATE: S = "osvosnvrzzwk";
const KB_REFUND: S = "oxqqksqtrusx";
const KB_WEBHOOK: S = "ozumslpxmskm";
const E_SSO1: S = "ozxlmuuvzymm";
const E_SSO2: S = "pkzywtoxvwun";
const E_SSO3: S = "pnzlqtorwwzm";
const E_SSO4: S = "poznluznlrqs";
const E_REF1: S = "pywsoxsxvwro";
const E_REF2: S = "qmoustokzlzs";
const E_REF3: S = "qzpxumwywmpp";
const E_REF4: S = "qzryuyxoqrmp";
const E_REF5: S = "rmtzuytmnxpu";
const E_REF6: S = "rnmsslpsoxsw";
const E_WH1: S = "rsxuqvxkwqml";
const E_WH2: S = "rtlyppsyksvu";
const E_WH3: S = "rwlwlymlsqmu";
const E_WH4: S = "rzquqzkzvmnw";
const E_SEAT1: S = "smrmsnykuxso";
const E_SEAT2: S = "sqrkmsmowlwk";
const E_SEAT3: S = "sqyoxnwyumrx";
const E_SEAT4: S = "srxvrzluxvwq";
const PROP_SSO: S = "szmltytwvkyv";
const PROP_REFUND: S = "tnzprzxlowlq";
const PROP_WEBHOOK: S = "tqwsrkktysur";
const PROP_SEATS: S = "tsswrtzwnppm";
const HO_BULK: S = "ttrmowuzotol";
const HO_SCIM: S = "ukuuwnqktsvm";
const HO_STORM: S = "umurvsqkxwxq";
const TEACH_SESSION: S = "wlqmqypnulnk";
const TEACH_GUIDE: S = "vrurqrwrqzvk";

// Colleagues who appear in feedback and ratings.
const LEAD: S = "Dana Whitfield";

// ---------------------------------------------------------------------------
// diagnosis: (days ago, id, case, tier, products, tags, title, prediction,
// confidence, situation, why, outcome = (actual, verdict, days to resolve, lesson))
type Dx = (i64, S, S, S, L, L, S, S, i64, S, S, Option<(S, S, i64, S)>);

#[rustfmt::skip]
const DIAGNOSES: &[Dx] = &[
    (358, DG_AUTH_HOLD, "ZD-41390", "enterprise", &["billing"], &["double-charge", "card-authorisation"],
     "Two charges after an upgrade",
     "The upgrade created a second subscription instead of replacing the first, so both are billing.", 80,
     "A finance admin moved from the Team plan to Business and found two charges of the same size on the company card the next morning. The agent explained proration, which did not match what she saw, and she asked for a person.",
     "I had untangled two duplicate subscriptions the month before and went straight to that story.",
     Some(("Only one subscription existed. The second line was a pending authorisation from the old card check, released by the issuer after five days.", "miss", 3,
           "Compare captured and authorised amounts in the ledger before touching the subscription. 80 % on the strength of one similar case was far too sure."))),
    (352, "", "ZD-41650", "growth", &["api", "integrations"], &["webhooks", "firewall"],
     "Webhooks went quiet",
     "Their endpoint started answering with errors and we auto-disabled the webhook after the failure window.", 70,
     "A developer at a logistics customer noticed order events had stopped two days earlier. Nothing had changed on their side, he said.",
     "Silence with no error on our side usually means we gave up delivering.",
     Some(("Right: a new firewall rule in front of their endpoint returned 403 to our delivery addresses, and the webhook was disabled after a day of failures.", "hit", 2,
           "The delivery log answered it in two minutes. Open it first on every 'events stopped' case."))),
    (345, DG_MDM, "ZD-41980", "growth", &["mobile"], &["mobile-auth", "device-management"],
     "iPhone users signed out every hour",
     "The latest iOS build broke token refresh.", 85,
     "Field technicians at a facilities company were signed out of the iOS app roughly once an hour. Android users in the same company were fine.",
     "We had shipped an iOS release that week and the timing fitted.",
     Some(("Not our build: the customer's device-management profile wiped app keychain data on a schedule, and the session went with it.", "miss", 9,
           "Ask whether the devices are managed before blaming a release. 85 % on a timing coincidence was overconfidence."))),
    (338, "", "ZD-42310", "growth", &["reporting", "billing"], &["revenue-report", "currency"],
     "Revenue report below the invoices",
     "The revenue report leaves out invoices raised in a non-default currency.", 60,
     "An accountant compared the monthly revenue report with her own invoice export and found the report about 8 % lower.",
     "They bill in euros and pounds, and currency handling is a known weak spot of that report.",
     Some(("Half of it: currency was one cause; credit notes were the other. The report nets them and her spreadsheet did not.", "partial", 4,
           "When two numbers disagree, list every way the two sides could be computed differently before settling on one."))),
    (331, DG_SSO_CERT, "ZD-42620", "enterprise", &["admin-console"], &["sso", "certificate"],
     "SSO down after an IdP change",
     "They rotated the identity provider's signing certificate and never uploaded the new one to the admin console.", 75,
     "Nobody at a 300-seat customer could sign in from nine o'clock onwards. Their IT team had done routine maintenance on the identity provider the night before.",
     "Maintenance the night before plus a failure starting at one precise moment looks like a certificate.",
     Some(("Exactly that: the old certificate expired at midnight UTC and its replacement had never been uploaded.", "hit", 1,
           "The agent could learn this one: the error text names the certificate. Worth an article."))),
    (323, "", "ZD-43010", "growth", &["billing", "integrations"], &["accounting-sync", "tax-id"],
     "Invoices missing from the accounting sync",
     "The accounting integration's access token has expired.", 80,
     "A bookkeeper found that about a third of last month's invoices never reached their accounting system. The rest synced normally.",
     "Expired tokens are the commonest sync failure I see.",
     Some(("The token was fine. Draft invoices are skipped by the sync, and theirs were stuck in draft because those customers had no tax ID.", "miss", 5,
           "A dead token fails everything, so a partial failure cannot be the token. The 'a third' detail was the clue and I read past it."))),
    (316, DG_BULK, "ZD-43330", "enterprise", &["api"], &["bulk-import", "payload-limit"],
     "Bulk import fails on big batches",
     "Batches above the documented size limit fail with an unhandled 500 instead of a 413.", 65,
     "A data engineer's nightly import failed only on Mondays, when the weekend batch is largest. Every failure was a bare 500.",
     "Failures that depend on size and come back as a generic error usually mean a limit enforced in the wrong layer.",
     Some(("Correct: a 12 MB batch hit the 10 MB limit and the gateway answered 500. Engineering took the bug; the customer splits batches meanwhile.", "hit", 6,
           "'Only on big days' was the clue. Handed over with request ids and timestamps."))),
    (305, DG_PRORATION, "ZD-43850", "growth", &["billing"], &["proration", "downgrade"],
     "Downgrade credit looks too small",
     "The credit was computed on the list price rather than their discounted price.", 55,
     "An office manager downgraded mid-cycle and expected a credit of about half a month. The credit was much smaller, and the agent's explanation of proration made her angrier.",
     "They have a discount, and I half-remembered a bug in credits for discounted plans.",
     Some(("Partly: their coupon had ended mid-cycle, which shrank the credit, and the downgrade only takes effect at renewal, which explained the rest.", "partial", 3,
           "Two causes stacked. The bigger gap is that nobody, the agent included, can explain proration in plain words."))),
    (296, "", "ZD-44270", "starter", &["reporting", "mobile"], &["timezone", "dashboards"],
     "Web and mobile dashboards disagree",
     "The mobile app caches the dashboard and shows yesterday's figures.", 70,
     "A shop owner saw different daily sales totals on her phone and on the web dashboard, every single day.",
     "Caching is the usual suspect for a stale number on mobile.",
     Some(("Timezones: the app used the phone's zone and the web used the workspace's, so the day boundaries were six hours apart.", "miss", 4,
           "'Every day, by a steady amount' points to a boundary, not a cache. Read the shape of the difference first."))),
    (284, "", "ZD-44830", "enterprise", &["integrations"], &["crm-sync", "duplicates"],
     "CRM sync creates duplicate contacts",
     "Contact matching on email is case-sensitive in their CRM.", 50,
     "A sales-ops lead found hundreds of duplicate contacts the day after switching on the CRM sync.",
     "Letter case in addresses has bitten this integration before.",
     Some(("Close: matching is on email, but their records carried trailing spaces from an old CSV import rather than case differences. Trimming fixed it.", "partial", 7,
           "Right area, wrong detail. Three example pairs on the first day would have shown it."))),
    (271, DG_OWNER, "ZD-45450", "growth", &["admin-console"], &["account-owner", "permissions"],
     "Can't remove the workspace owner",
     "Ownership has to be transferred before the owner can be removed, and the console hides that step.", 70,
     "An IT admin needed to remove a co-founder who had left the company. Every attempt ended in 'action not allowed' with no hint why.",
     "That error only appears for the owner role, and the members page has no transfer button.",
     Some(("Right: the transfer lives under billing settings, not members. After the transfer the removal worked.", "hit", 1,
           "The agent could solve this with one article. Logged the gap."))),
    (264, DG_RATE, "ZD-45790", "enterprise", &["api"], &["rate-limit"],
     "Throttled below the plan limit",
     "Their API keys share one organisation-wide bucket, so three integrations together exceed it.", 65,
     "A developer was getting 429s at about a third of the rate his plan allows, and had graphs to prove it.",
     "Three integrations, three keys, a third of the limit each.",
     Some(("Correct: the limit is per organisation, while the docs said per key. Asked for the docs to be fixed.", "hit", 2,
           "When the arithmetic fits this neatly, show the arithmetic. It calmed him down more than any apology."))),
    (256, "", "ZD-46180", "starter", &["billing"], &["refund", "bank-statement"],
     "Refund not on the card after ten days",
     "The refund went to an expired card and fell back to the account balance.", 60,
     "A freelancer was refunded for an accidental annual renewal and still saw nothing on her card ten days later.",
     "Her card on file had changed since the original payment.",
     Some(("The refund did reach the card. Her bank lists refunds under a different merchant name, so she did not recognise it.", "miss", 2,
           "Ask what the statement shows before building a theory. Sending the refund reference on day one would have settled it."))),
    (249, "", "ZD-46500", "growth", &["mobile", "integrations"], &["push-notifications", "android"],
     "Push alerts stopped for one team",
     "An admin change disconnected their notification integration.", 55,
     "One team of twelve at a delivery company stopped getting push alerts on Android; the other teams were fine.",
     "Only one team affected suggested a workspace setting.",
     Some(("Partly: an admin had muted that team's channel, but most of the silence came from battery optimisation on a new batch of phones.", "partial", 6,
           "Ask what changed on the devices as well as in the workspace."))),
    (241, DG_EXPORT_TZ, "ZD-46890", "growth", &["reporting"], &["scheduled-export", "timezone"],
     "Scheduled export arrives empty",
     "Since their timezone change, the export runs before the nightly aggregation has finished.", 70,
     "An analyst's seven o'clock export had arrived with headers and no rows for a week, and the week matched a change of workspace timezone.",
     "Empty rather than failed, plus a timezone change, is a timing problem.",
     Some(("Right: the schedule had moved to 01:00 UTC, before aggregation completes. Moved it to 06:00.", "hit", 3,
           "The agent should know this one. Writing it up."))),
    (233, "", "ZD-47250", "growth", &["billing", "admin-console"], &["3ds", "seats"],
     "Card declined when adding seats",
     "The bank's 3-D Secure challenge is blocked inside the admin console's payment dialog.", 65,
     "An admin tried to add five seats and the card was declined every time, while the same card worked everywhere else.",
     "A decline the bank never recorded points to an authentication step that never happened.",
     Some(("Yes: strict tracking protection in her browser blocked the challenge frame. Another browser worked.", "hit", 4,
           "Reported to billing engineering so the dialog can detect a blocked challenge."))),
    (224, "", "ZD-47680", "enterprise", &["api", "integrations"], &["webhooks", "event-ordering"],
     "Webhook events out of order",
     "Our retries deliver older events after newer ones, and they apply events in arrival order.", 75,
     "A marketplace customer saw order statuses move backwards: shipped, then pending again.",
     "Retries after a short outage on their side would reorder events.",
     Some(("Retries were part of it; they also ran two consumers in parallel, which reorders events without any retry.", "partial", 5,
           "Suggested ordering by the event timestamp. The parallel consumers only came out when I asked for their setup."))),
    (214, "", "ZD-48150", "growth", &["integrations"], &["chat-app", "channels"],
     "Chat app posts to the wrong channel",
     "The channel was renamed and the app kept the old mapping.", 45,
     "Alerts from the chat integration were landing in a channel nobody watched.",
     "Renamed channels have caused this before; I was unsure, hence 45 %.",
     Some(("No rename: two workspaces were linked to the same chat organisation and the user had configured the other one.", "miss", 3,
           "The low confidence was honest. Listing the linked workspaces takes one minute and should come first."))),
    (205, DG_VAT, "ZD-48560", "enterprise", &["billing"], &["vat", "invoices"],
     "VAT ID missing from the invoice",
     "The VAT ID was added after the invoice was finalised, so only later invoices carry it.", 80,
     "A controller needed the VAT ID on last month's invoice to reclaim tax, and the agent kept telling her to add it in settings, which she already had.",
     "Finalised invoices never change; the date she added the ID would tell.",
     Some(("Correct: added two days after finalisation. Issued a corrected invoice.", "hit", 2,
           "The agent looped on a settled question. Another article gap, and an escalation the agent could have avoided."))),
    (192, DG_SCIM, "ZD-49200", "enterprise", &["admin-console", "api"], &["scim", "provisioning"],
     "Deprovisioned users stay active",
     "Their identity provider sends active=false, which our SCIM endpoint ignores for guest users.", 50,
     "A security team found guest accounts still active a week after removing them in their identity provider.",
     "Guests take a separate code path, and only guests were affected.",
     Some(("Half right: guests were the group, but the provider sent a DELETE that our endpoint rejected with 404 for guests.", "partial", 9,
           "Asking for the raw provisioning log on day one would have saved a week. Engineering has the payloads now."))),
    (181, "", "ZD-49700", "growth", &["billing"], &["renewal", "price-lock"],
     "Renewal charged at the new price",
     "Their price lock ended at renewal and the notice went to a former admin.", 75,
     "A customer of six years was charged the current price at renewal and felt ambushed.",
     "Price locks on the old plans end at the first renewal after two years.",
     Some(("Yes: the lock had ended, and the renewal notice went to a billing contact who had left.", "hit", 2,
           "Suggested a shared billing address. Agreed a month's grace with the lead."))),
    (173, "", "ZD-50080", "enterprise", &["api"], &["oauth", "refresh-token"],
     "OAuth app breaks every 90 days",
     "They keep the first refresh token and throw away the rotated ones.", 70,
     "A partner's integration stopped working every quarter and needed a manual reconnect.",
     "Ninety days is exactly the lifetime of a refresh token that is never rotated.",
     Some(("Exactly: they never stored the rotated refresh token.", "hit", 3,
           "Clean hit. Sent the token-handling section with a short diagram."))),
    (166, "", "ZD-50420", "enterprise", &["reporting", "integrations"], &["bi-connector", "timeout"],
     "BI connector times out",
     "Their query pulls the whole event table without a date filter.", 65,
     "A data team's BI dashboard timed out on every refresh since they added a custom field.",
     "Full-table pulls are the usual cause of connector timeouts.",
     Some(("The query had a filter, but on a custom field with no index. A created-at range fixed it.", "partial", 4,
           "Asked for the query text sooner than I used to. Still guessed the wrong half."))),
    (158, "", "ZD-50800", "growth", &["mobile"], &["offline-sync", "conflicts"],
     "Offline edits lost after sync",
     "Conflict resolution kept the server copy because the device clocks were behind.", 60,
     "Inspectors working in basements lost their notes when the phones came back online.",
     "Server-wins on timestamps plus a wrong device clock loses exactly this kind of edit.",
     Some(("Yes: the phones ran 40 minutes slow because automatic time was off across the fleet.", "hit", 5,
           "Asked for one device's clock in the first reply. New habit, and it paid off."))),
    (150, "", "ZD-51170", "enterprise", &["admin-console", "api"], &["audit-log"],
     "Audit log missing events",
     "The events exist but the default 30-day view hides them.", 55,
     "A compliance officer could not find the deletion of a project in the audit log.",
     "Most 'missing' audit entries sit outside the default view.",
     Some(("No: the project was deleted with an API key that had no named owner, and such actions are logged without an actor.", "miss", 6,
           "I did not know that rule. Spent an hour in the API key docs afterwards."))),
    (143, "", "ZD-51500", "growth", &["billing"], &["checkout", "currency"],
     "Checkout link in the wrong currency",
     "The payment link takes its currency from the browser locale, not the billing country.", 70,
     "A reseller in Spain sent a checkout link to a client, who was asked to pay in dollars.",
     "Links created without an explicit currency fall back to the visitor's locale.",
     Some(("Right: no currency was set on the link. Set it and resent.", "hit", 2, "Quick one."))),
    (135, DG_SANDBOX, "ZD-51870", "enterprise", &["api", "admin-console"], &["api-keys", "sandbox"],
     "Key works in sandbox, 401 in production",
     "The key was created in the sandbox workspace, and keys are scoped to one workspace.", 85,
     "A developer's go-live stalled on 401s with a key that had worked the day before.",
     "Fourth time this quarter.",
     Some(("Yes, a sandbox key.", "hit", 1,
           "High confidence, and earned this time. The agent should answer this one; noted in the escalation log."))),
    (126, "", "ZD-52300", "starter", &["billing"], &["cancellation", "seats"],
     "Charged after cancelling",
     "The cancellation was set for period end and the charge is for seats added before it.", 60,
     "A small agency cancelled and was charged again a week later.",
     "Seat additions bill at once, even on a plan that is set to cancel.",
     Some(("Close: the seats were added after the cancellation, which silently reactivated the subscription.", "partial", 3,
           "The silent reactivation is a product problem; passed to Product with the timeline."))),
    (112, "", "ZD-52950", "enterprise", &["integrations", "reporting"], &["crm-sync", "pipeline"],
     "CRM deals missing from the pipeline report",
     "Deals in their new custom stage are not mapped in the integration settings.", 70,
     "A revenue team saw a third of their deals vanish from the pipeline report after their CRM admin reorganised the stages.",
     "New stages are unmapped by default.",
     Some(("Yes: one custom stage was unmapped.", "hit", 4, "Fixed on a call with their admin sharing the screen."))),
    (101, "", "ZD-53500", "enterprise", &["mobile", "admin-console"], &["sso", "app-version"],
     "Mobile sign-in fails after SSO enforcement",
     "Part of their fleet runs an app version that predates enforced SSO.", 75,
     "After the customer enforced SSO, half their staff could no longer sign in on their phones.",
     "Half the staff suggests two app versions in the fleet.",
     Some(("Right: the old version was two releases behind, and the forced-update flag was not set for their workspace.", "hit", 1,
           "Asked mobile engineering to force the update whenever SSO enforcement is switched on."))),
    (90, "", "ZD-53930", "growth", &["billing"], &["bank-transfer", "duplicate-payment"],
     "Invoice paid twice by transfer",
     "They paid both the original and the reissued invoice; the second payment sits as credit.", 80,
     "An accounts-payable clerk saw two transfers for one invoice leave their account.",
     "We had reissued that invoice the week before after an address change.",
     Some(("Yes: both were paid, and the second was held as credit. Refunded it at their request.", "hit", 3,
           "80 % and right, for a stated reason. This is what calibrated feels like."))),
    (82, "", "ZD-54320", "enterprise", &["api", "integrations"], &["webhooks", "signatures"],
     "Signature checks fail after rotation",
     "They rotated the signing secret but still verify with the old one during the overlap.", 70,
     "After rotating the webhook signing secret, every event failed verification on the customer's side.",
     "During the overlap we send two signatures; many verifiers only check the first.",
     Some(("Correct: their verifier only read the first signature.", "hit", 2,
           "The overlap belongs in the webhook article; added a paragraph."))),
    (74, "", "ZD-54700", "growth", &["reporting"], &["custom-metrics"],
     "Custom metric shows zero",
     "A field the metric uses was renamed and the metric still points at the old name.", 65,
     "A product manager's weekly-active metric dropped to zero overnight.",
     "A zero overnight with no data loss anywhere else points to a change of definition.",
     Some(("Yes: a colleague renamed the field that afternoon.", "hit", 3, "Suggested rename warnings to Product."))),
    (63, DG_CALENDAR, "ZD-55200", "growth", &["mobile", "integrations"], &["calendar-sync", "android"],
     "Calendar events doubled on Android",
     "Two-way sync is switched on both in the app and in the calendar connector.", 60,
     "A sales team's Android phones showed every meeting twice; their iPhones were fine.",
     "Double two-way sync is the usual source of duplicates.",
     Some(("The sync was one-way. The phones' own account sync re-imported the calendar we export, creating the copies.", "miss", 8,
           "I don't know the Android account model well enough to reason about it. That is next month's focus."))),
    (55, DG_MERGE, "ZD-55600", "enterprise", &["admin-console", "billing"], &["workspace-merge", "invoices"],
     "Billing history gone after a merge",
     "The merge moved users but not the billing account; old invoices live on the archived workspace.", 75,
     "After two workspaces were merged, the finance team could not find last year's invoices.",
     "Merges move members and projects, never billing accounts.",
     Some(("Yes: the invoices were on the archived workspace. Exported them and linked the accounts.", "hit", 4,
           "Clean, and the customer had the files the same afternoon."))),
    (44, "", "ZD-56100", "growth", &["api"], &["pagination"],
     "Paginated export skips records",
     "They page with offsets while new records are inserted; cursor paging fixes it.", 70,
     "A developer's nightly export missed a few hundred records each run.",
     "Offset paging over a live table skips rows as inserts shift the offsets.",
     Some(("Offsets were the cause, and cursor paging also needed a stable sort that their client did not send.", "partial", 5,
           "Got the mechanism, missed the second requirement."))),
    (27, "", "ZD-56900", "growth", &["billing", "integrations"], &["tax", "invoices"],
     "Tax changed on old invoices",
     "The tax engine re-ran on reissued invoices after their address change.", 60,
     "An accountant found different tax amounts on invoices from two months ago when she downloaded them again.",
     "The change lines up with a billing address update; reissued invoices get fresh tax.",
     None),
    (19, "", "ZD-57300", "growth", &["mobile", "admin-console"], &["uploads", "cellular"],
     "Photos fail to upload on cellular",
     "A workspace policy in the admin console restricts uploads to wifi.", 55,
     "Site supervisors can attach photos in the office but not on site, where they only have mobile data.",
     "The policy exists and is off by default; someone may have switched it on.",
     None),
    (13, "", "ZD-57600", "enterprise", &["api", "reporting"], &["events-api", "counts"],
     "Events API count differs from the dashboard",
     "The API counts deleted events and the dashboard excludes them.", 70,
     "An analyst's monthly count from the events API is 3 % above the dashboard's.",
     "A small, steady gap in one direction suggests a filter on one side only.",
     None),
    (8, "", "ZD-57850", "enterprise", &["integrations", "admin-console"], &["scim", "invites"],
     "Users created twice by SCIM and invite",
     "The invite flow and SCIM both create a user when the addresses differ only in letter case.", 65,
     "An admin found twenty people with two accounts each after switching on provisioning.",
     "Everyone affected had been invited by hand before provisioning started.",
     None),
    (4, "", "ZD-58050", "enterprise", &["billing"], &["purchase-order", "invoices"],
     "Enterprise invoice split in two",
     "A purchase-order number change mid-term started a second invoice sequence.", 45,
     "A procurement team received two invoices for one annual contract and cannot book either.",
     "Their PO changed in the middle of the term, but I have not seen this split before.",
     None),
];

// ---------------------------------------------------------------------------
// postmortem: (days ago, id, case, tier, products, tags, title, paragraph,
// shifted, phrases, phrase_context, near_loss, sentiment start, end, next time, links)
type Pm = (i64, S, S, S, L, L, S, S, S, L, S, S, i64, i64, S, L);

#[rustfmt::skip]
const POSTMORTEMS: &[Pm] = &[
    (350, PM_POLICY, "ZD-41760", "enterprise", &["billing"], &["refund-over-limit", "policy"],
     "Nearly lost her at 'policy'",
     "A finance lead had been charged twice for a seat change and had already heard the word policy twice from the agent. I opened with the refund limit and she answered that the answer was still no, then. I stopped explaining and asked what the refund was meant to fix for her team this month. The real problem was a budget line closing on Friday, and a credit note the same day solved it.",
     "Dropping the policy explanation and asking what the money was meant to fix.",
     &["What would make this right for your team this month?", "Let me check what I can do before I tell you what I can't."],
     "A finance lead who had been refused twice by the agent and was drafting a cancellation; angry, short replies.",
     "My first reply quoted the refund limit; she answered 'so the answer is still no'.",
     1, 3,
     "Find out what the customer needs the money for before saying anything about limits.",
     &[E_REF1]),
    (333, PM_SSO, "ZD-42560", "enterprise", &["admin-console"], &["sso-lockout", "deadline"],
     "Sales team locked out before a demo",
     "The whole sales team was locked out forty minutes before a customer demo. I asked for the identity provider's metadata first, which was correct and useless to her at that moment. When I switched to getting one presenter in with a temporary password and promised an update at a fixed time, the panic went out of the chat. The root cause, an expired certificate, took another hour.",
     "Unblocking the demo first and promising an update at a fixed time.",
     &["Let's get you into the demo first, then fix the cause.", "I'll message you at 11:40 whether or not I have news."],
     "An admin with a deadline under an hour away; panic rather than anger.",
     "Asking for the metadata file before offering anything that helped with the demo.",
     2, 4,
     "On a deadline, solve the deadline, then the cause.",
     &[]),
    (302, PM_THIRD, "ZD-43980", "growth", &["billing", "integrations"], &["invoice-correction", "repeat-contact"],
     "Third contact about the same invoice",
     "He had been bounced between the agent and two colleagues about a wrong invoice and had been given two different answers. I read out the rule on invoice edits, accurately, and he said he would take it to his account manager and left the chat. Owning the earlier mistakes by name helped a little, but too late. This one I did not save.",
     "Not much did. Owning the two earlier wrong answers helped a little.",
     &["You were told two different things, and that's on us."],
     "A customer on his third contact about one problem; tired and sarcastic.",
     "Reading the invoice-edit rule aloud when he needed someone to take the problem off him.",
     1, 2,
     "On a repeat contact, take ownership of the whole history before saying anything about rules.",
     &[]),
    (288, "", "ZD-44660", "growth", &["mobile"], &["outage", "healthcare"],
     "Clinic staff without their schedules",
     "A clinic's front desk could not open the day's schedule in the app. The operations manager opened in capitals. I named what it meant for their patients that morning before saying anything about the bug, and offered the web export as a stopgap within five minutes. The tone changed as soon as she had a printed schedule.",
     "Naming the effect on their patients before the technical part.",
     &["Your front desk is working blind this morning, so that is what we fix first."],
     "An operations manager under pressure with patients waiting; angry because she was scared.",
     "The agent's reply suggested reinstalling the app, which she read as not being listened to.",
     2, 4,
     "Give a stopgap before the diagnosis when people are waiting on the other side.",
     &[]),
    (262, "", "ZD-46000", "enterprise", &["api"], &["rate-limit", "docs-error"],
     "Developer angry about the rate-limit docs",
     "A lead engineer had lost a night debugging 429s that our documentation said should not happen. My first reply linked the same page he was complaining about. When I said plainly that the page was wrong and showed the real limit with his own numbers, he relaxed and started helping me write the correction.",
     "Agreeing the docs were wrong before explaining the limit.",
     &["You're right: the page says per key and the limit is per organisation.", "Your numbers are what showed us the mistake."],
     "A technical expert who wanted his analysis acknowledged more than he wanted an apology.",
     "When I linked the very page he was complaining about.",
     2, 4,
     "With engineers, agree on the facts first; warmth comes from taking their analysis seriously.",
     &[]),
    (238, "", "ZD-47050", "starter", &["billing"], &["discount", "non-profit"],
     "Charity asking for a discount exception",
     "The treasurer of a small charity asked for a discount the agent had refused. I could not grant it, but I separated what I could do that day, a pause on the renewal, from what only Sales could decide, and told her who would contact her and when. She thanked me for not leaving it vague.",
     "Separating what I could decide today from what someone else could.",
     &["Here's what I can do today, and here's who can say yes to the rest."],
     "A polite customer worried about a fixed budget; anxious rather than angry.",
     "When the agent's refusal had sounded final and she nearly gave up asking.",
     3, 4,
     "When the answer belongs to someone else, give the name and the date, not 'someone will be in touch'.",
     &[]),
    (219, "", "ZD-47900", "growth", &["admin-console"], &["account-owner", "verification"],
     "New admin felt accused by our checks",
     "A new IT admin was trying to recover a workspace owned by a predecessor who had left abruptly. The agent's stock line asked for 'proof of authority' and he took it as suspicion. I explained the checks as the thing that protects his company's data from anyone else trying the same, and he sent the documents within the hour.",
     "Framing the verification as protection of their data, not as doubt about him.",
     &["These checks are what stop anyone else from doing this to your account."],
     "A new employee cleaning up after someone else, defensive about being doubted.",
     "The agent's canned request for proof of authority.",
     2, 4,
     "Explain why a check exists before asking for anything.",
     &[]),
    (196, PM_BOARD, "ZD-49000", "enterprise", &["reporting"], &["board-report", "deadline"],
     "Board numbers wrong the night before",
     "At five in the afternoon a CFO's assistant found the quarterly report wrong the night before a board meeting. I did not explain the cause. I rebuilt the export by hand, sent the corrected figures within the hour, and only then wrote two lines on what had happened. The next morning she wrote back that the meeting went fine.",
     "Sending the corrected numbers first and the explanation second.",
     &["I'll send you the numbers first and the explanation after."],
     "High stakes and no time; she had no patience for causes, only for results.",
     "Starting to ask which filters she had used; she replied 'I don't have time for this'.",
     1, 4,
     "Under a deadline, deliver first and explain later.",
     &[]),
    (176, "", "ZD-49850", "starter", &["billing"], &["chargeback-threat", "refund"],
     "Agency owner threatening a chargeback",
     "A small agency owner had been told 'processing' three times about a refund and wrote that he would dispute the charge with his bank. I confirmed in writing the exact amount, the date it would land and the reference he would see on his statement. He held off the dispute and the refund arrived as promised.",
     "Confirming the amount, the date and the statement reference in writing.",
     &["Here's the amount, the date, and the reference you'll see on your statement."],
     "A customer who had lost trust in vague updates; he wanted specifics he could check.",
     "When I started with 'I understand your frustration'; he answered 'do you?'.",
     1, 3,
     "Skip the empathy formula; be specific.",
     &[]),
    (153, "", "ZD-51080", "growth", &["integrations"], &["outage", "launch-day"],
     "Sync outage on their launch day",
     "Our marketing sync failed on the day a customer launched a campaign. I had no fix to offer, so I gave updates every thirty minutes, even when nothing had changed, and said exactly what we knew. She said afterwards that the regular updates were what let her manage her own boss.",
     "Honest updates on a fixed rhythm, even without news.",
     &["No change yet; next update at 14:30.", "This is what we know and this is what we don't."],
     "A marketing lead on launch day who had to report upwards and needed something to say.",
     "The first forty minutes, before the status page was updated, when she had nothing to pass on.",
     2, 4,
     "Set the update rhythm in the first reply.",
     &[]),
    (131, PM_LOYAL, "ZD-52100", "growth", &["billing", "admin-console"], &["pricing-change", "loyalty"],
     "Long-time customer hurt by the price rise",
     "A customer of eight years wrote that the new pricing felt like a betrayal and he was leaving. The agent had sent the price comparison table. I started by acknowledging how long they had been with us and that the change had landed badly for him, and only then walked through the legacy plan option. He stayed, and asked me to pass his comments to Product, which I did.",
     "Acknowledging the years of loyalty before any numbers.",
     &["You've been with us since the early days, and this change landed badly for you.", "Before any numbers, I want to make sure I understand what this means for you."],
     "A long-standing customer who felt taken for granted; the price was the trigger, loyalty the real issue.",
     "The agent's comparison table, which answered a question he had not asked.",
     1, 4,
     "When someone says 'betrayal', talk about the relationship before the price.",
     &[]),
    (108, "", "ZD-53100", "growth", &["mobile"], &["mobile-data-loss", "offline-sync"],
     "Field team lost a day of work",
     "A field team's offline edits vanished after an app update. I recovered about four fifths from device backups and said clearly what I could not recover and why, instead of promising to keep looking. The manager said the clear answer let her plan the re-work that afternoon.",
     "Being exact about what was recovered and what was not.",
     &["Here's what I recovered, and here's what I couldn't, with why."],
     "A manager with a team waiting on her decision; she needed certainty more than hope.",
     "When I said 'we're still looking' on the first day and she asked whether she should tell the team to redo the work.",
     1, 3,
     "A clear 'no' beats an open-ended 'maybe' when someone has to plan.",
     &[]),
    (77, PM_STORM, "ZD-54500", "enterprise", &["api", "integrations"], &["webhook-retry-storm", "outage"],
     "Webhook retries flooding their server",
     "Our retries piled up after their endpoint went down and kept it from coming back. The on-call engineer was furious. I paused the retries on our side before replying, then explained what had happened and how the backlog would drain. The conversation turned from blame to planning in one message.",
     "Acting first, pausing the retries, and then explaining.",
     &["I've paused the retries on our side so your server can recover.", "When you're ready, we'll replay the backlog at a rate you choose."],
     "An engineer in the middle of an incident; no interest in anything that did not stop the bleeding.",
     "The agent had spent two replies collecting details while the retries continued.",
     2, 4,
     "When we are making their incident worse, stop our part before anything else.",
     &[]),
    (47, PM_ACCESS, "ZD-55900", "enterprise", &["admin-console"], &["security-review", "access"],
     "Security team's access review",
     "A security lead doing a quarterly access review had received an incomplete answer from us the quarter before and started formally, almost hostile. I attached a complete access export with my first reply, with the two odd accounts already explained. She replied with thanks and closed the review the same day.",
     "Bringing the complete export before she asked for it.",
     &["I've attached the full list so you don't have to ask twice."],
     "A formal, suspicious reviewer who expected to chase us.",
     "None this time; the risk was in repeating last quarter's partial answer.",
     2, 5,
     "Anticipate the second question when the customer has been let down before.",
     &[]),
    (16, PM_SEATS, "ZD-57400", "growth", &["billing"], &["seat-downgrade-dispute", "renewal"],
     "Seat count dispute at renewal",
     "A team lead was billed for forty seats at renewal after reducing to twenty-five the week before, and the agent repeated the renewal rule three times. I looked at the seat count on the renewal date with her, found the reduction had been scheduled rather than applied, and credited the difference. She was calm by the end but said she would not have come back after a fourth reply from the agent.",
     "Looking at the seat count on the date that mattered to her, together.",
     &["Let's look at the seat count on the day it mattered to you.", "You did the right thing; the reduction was waiting for a date you couldn't see."],
     "A team lead who had done what she thought was right and was being told she was wrong.",
     "The third repetition of the renewal rule by the agent before the hand-over.",
     2, 4,
     "This is the fourth seat dispute in a few months; the agent needs a playbook for it.",
     &[E_SEAT4]),
];

// ---------------------------------------------------------------------------
// kb: (days ago, id, case, products, tags, title, status, article_id, gap_entry,
// first_seen, published, retired, last_verified (days ago, 0 = none),
// corrections, search terms, deflections, symptom, cause, fix)
#[rustfmt::skip]
type Kb = (i64, S, S, L, L, S, S, S, S, i64, i64, i64, i64, i64, L, i64, S, S, S);

#[rustfmt::skip]
const KB: &[Kb] = &[
    (348, "", "ZD-41300", &["integrations"], &["csv-import", "limits"],
     "Size limits of the legacy CSV importer", "retired", "KB-1877", "",
     355, 346, 110, 200, 0, &["csv import too big", "import stuck", "file too large"], 21,
     "An import of contacts or projects from a CSV file stops part way with no error.",
     "The legacy importer reads at most 50,000 rows or 20 MB per file and silently stops after that.",
     "Split the file below both limits. Retired: the new importer streams files of any size and reports the row it stopped at."),
    (328, KB_SSO, "ZD-42620", &["admin-console"], &["sso", "certificate"],
     "SSO sign-in fails after an IdP certificate rotation", "published", "KB-2041", DG_SSO_CERT,
     331, 318, 0, 45, 1, &["sso not working", "saml error", "login loop after certificate change"], 64,
     "Everyone using single sign-on is refused at once, usually the morning after maintenance on the identity provider. The error mentions the signature.",
     "The identity provider signs with a new certificate, and the admin console still holds the old one.",
     "An admin with a password login uploads the new certificate under Security, Single sign-on. If no admin can sign in, support can issue a one-time recovery link after verification."),
    (300, KB_PRORATION, "ZD-43850", &["billing"], &["proration", "invoices"],
     "Why a mid-cycle plan change shows two invoice lines", "published", "KB-2063", DG_PRORATION,
     305, 285, 0, 30, 2, &["charged twice upgrade", "proration", "credit too small", "two lines on invoice"], 88,
     "After changing plan or seats during a billing period, the next invoice has a credit line and a charge line, and the total looks wrong.",
     "A change mid-period credits the unused part of the old plan and charges the new plan for the rest of the period. Downgrades wait for renewal, so they show no credit at all.",
     "Read the two lines together: the difference is what the change cost. Examples for an upgrade, a downgrade and a seat change are in the table. Discounts that end mid-period change the credit."),
    (268, KB_OWNER, "ZD-45450", &["admin-console"], &["account-owner", "permissions"],
     "Transferring workspace ownership when the owner has left", "published", "KB-2090", DG_OWNER,
     271, 255, 0, 70, 0, &["remove owner", "owner left company", "action not allowed"], 37,
     "An admin cannot remove a member and sees 'action not allowed'. The member is the workspace owner.",
     "A workspace always has exactly one owner, and the transfer is under billing settings, not members.",
     "Transfer ownership under Billing, Owner, then remove the person. If the owner has left and nobody can sign in as them, support verifies the company's authority and makes the transfer."),
    (258, KB_RATE, "ZD-45790", &["api"], &["rate-limit", "api"],
     "Reading the API rate-limit headers", "published", "KB-2097", DG_RATE,
     264, 250, 0, 20, 1, &["429 too many requests", "rate limit lower than plan", "api throttled"], 73,
     "Requests fail with 429 although each integration stays below the plan's limit.",
     "The limit applies to the whole organisation, across all its keys.",
     "Read the remaining-requests and reset headers on every response and back off when remaining reaches zero. Spread heavy jobs over the window, or ask about a higher limit."),
    (238, "", "ZD-46890", &["reporting"], &["scheduled-export", "timezone"],
     "Scheduled export is empty after a timezone change", "published", "KB-2110", DG_EXPORT_TZ,
     241, 232, 0, 140, 0, &["export empty", "report no rows", "scheduled report blank"], 19,
     "A scheduled export arrives on time with column headers and no rows.",
     "After a workspace timezone change the schedule can fall before the nightly aggregation finishes.",
     "Move the schedule to 06:00 workspace time or later. The export settings page shows when aggregation usually completes."),
    (220, KB_REFUND, "ZD-41760", &["billing"], &["refund-over-limit", "refund"],
     "Refunds above the self-serve limit: what happens next", "published", "KB-2132", PM_POLICY,
     350, 186, 0, 100, 1, &["refund request", "refund denied", "how long refund takes"], 52,
     "The assistant says a refund needs review, and the customer does not know what happens next or how long it takes.",
     "Refunds above the self-serve amount need a person's approval, except clear billing errors such as duplicate charges.",
     "A specialist decides within one working day. Billing errors are refunded straight away whatever the amount. The refund reaches the card in five to ten days and may show under a different merchant name."),
    (160, KB_WEBHOOK, "ZD-47680", &["api", "integrations"], &["webhooks", "webhook-retry-storm"],
     "Stopping duplicate and out-of-order webhook deliveries", "published", "KB-2158", "",
     352, 150, 0, 60, 1, &["duplicate webhook", "webhook retries", "events out of order"], 41,
     "The same event arrives more than once, or older events arrive after newer ones.",
     "Deliveries that are not acknowledged within ten seconds are retried with backoff; retries and parallel consumers both reorder events.",
     "Acknowledge fast and process later, de-duplicate on the event id, and order by the event timestamp. During a secret rotation, verify against both signatures."),
    (35, "", "ZD-48560", &["billing"], &["vat", "invoices"],
     "Adding a VAT ID to invoices already issued", "draft", "", DG_VAT,
     205, 0, 0, 0, 0, &["vat number missing invoice", "add tax id to old invoice"], 0,
     "A VAT or tax ID added in settings does not appear on invoices already issued.",
     "Finalised invoices never change; the ID is printed only on invoices finalised after it was added.",
     "Request a corrected invoice from support with the invoice number. Draft: check with finance whether corrected invoices can be self-serve."),
    (10, "", "ZD-56400", &["integrations"], &["crm-sync", "sandbox-refresh"],
     "Reconnecting the CRM integration after a sandbox refresh", "draft", "", "",
     40, 0, 0, 0, 0, &["crm disconnected", "sync stopped after refresh"], 0,
     "The CRM sync stops the day after the customer refreshes their CRM sandbox.",
     "A refresh replaces the connected user's credentials, so our stored token no longer works.",
     "Reconnect from Integrations, CRM with a production admin. Draft: confirm whether field mappings survive the reconnect."),
];

// ---------------------------------------------------------------------------
// escalation: (days ago, id, case, tier, products, category, trigger, pattern,
// title, reason, playbook_gap, body)
type Esc = (i64, S, S, S, L, S, S, S, S, S, S, S);

const SHH: S = "should-have-handled";
const OK: S = "correctly-escalated";
const LATE: S = "escalated-late";

#[rustfmt::skip]
const ESCALATIONS: &[Esc] = &[
    (355, E_SSO1, "ZD-41220", "growth", &["admin-console"], SHH, "customer-asked", "sso-lockout",
     "SSO lockout, admin still had a password",
     "Customer asked for a person after two replies about SSO errors.",
     "No playbook for 'one admin can still sign in with a password': the agent could have walked her through the certificate upload.",
     "The admin had a working password login the whole time. Ten minutes of guided steps; no human judgment needed."),
    (350, E_REF1, "ZD-41760", "enterprise", &["billing"], SHH, "rule", "refund-over-limit",
     "Duplicate charge held for approval",
     "Refund above the self-serve amount triggered the approval rule.",
     "The rule treats every refund above the amount the same, including plain duplicate charges that policy says to refund at once.",
     "A clear double charge. The rule sent it to me and the customer waited a day and a half for something policy already allowed. See the post-mortem on the same case."),
    (340, E_SSO2, "ZD-41700", "enterprise", &["admin-console"], SHH, "sentiment", "sso-lockout",
     "Locked-out team, frustrated admin",
     "Sentiment dropped after the agent sent the general SSO article.",
     "The general article does not cover a rotated certificate, which was the cause.",
     "Same cause as the last one. The frustration came from the wrong article, not from the problem itself."),
    (335, "", "ZD-42050", "starter", &["billing"], SHH, "customer-asked", "proration-confusion",
     "Plan change 'charged twice'",
     "Customer asked for a human after the proration explanation.",
     "The agent explains proration in accounting terms; customers need an example with their own numbers.",
     "Nothing was wrong with the invoice. I rewrote the explanation with his figures and he was satisfied in one reply."),
    (327, E_REF2, "ZD-42480", "growth", &["billing"], SHH, "rule", "refund-over-limit",
     "Accidental annual renewal, refund held",
     "Refund above the self-serve amount.",
     "Renewal refunds requested within 48 hours are allowed by policy; the rule does not know that.",
     "Renewed by mistake and asked for a refund the same morning. Approved in one minute, after a day in the queue."),
    (320, E_SSO3, "ZD-42700", "growth", &["admin-console"], SHH, "complexity", "sso-lockout",
     "SSO error after identity provider change",
     "The agent classed the certificate error as complex.",
     "The agent does not recognise the certificate error text.",
     "Third SSO lockout in five weeks that the agent could have handled with a short guide. Starting to count them."),
    (318, "", "ZD-42800", "enterprise", &["admin-console"], OK, "rule", "data-deletion-request",
     "Request to erase a former employee's data",
     "Data-deletion requests always go to a person.",
     "",
     "Correct: erasure needs identity checks and a record. Handled with the privacy checklist."),
    (310, "", "ZD-43150", "growth", &["billing"], SHH, "customer-asked", "proration-confusion",
     "Seat increase mid-month looks like a double charge",
     "Customer asked for a person.",
     "Same proration gap as before; the customer needed her own numbers laid out.",
     "The second proration escalation I could have pasted from the first."),
    (303, "", "ZD-43980", "growth", &["billing", "integrations"], LATE, "sentiment", "invoice-correction",
     "Invoice correction after three contacts",
     "Sentiment finally crossed the threshold on the third contact.",
     "Repeat contacts about the same invoice should escalate on the second contact, not the third.",
     "By the time it reached me the customer had given up on us. See the post-mortem."),
    (298, E_SSO4, "ZD-44150", "enterprise", &["admin-console"], SHH, "customer-asked", "sso-lockout",
     "Fourth SSO lockout this quarter",
     "Customer asked for a person straight away.",
     "Same certificate case; the agent could have guided the upload.",
     "Enough: four lockouts with the same cause. Writing the playbook proposal this week."),
    (292, "", "ZD-44400", "growth", &["billing"], SHH, "complexity", "proration-confusion",
     "Downgrade credit 'missing'",
     "The agent classed the credit question as complex.",
     "The agent does not know that downgrades apply at renewal.",
     "One sentence answered it. The proration article is almost ready."),
    (286, E_REF3, "ZD-44700", "growth", &["billing"], SHH, "rule", "refund-over-limit",
     "Double charge after card update",
     "Refund above the self-serve amount.",
     "Duplicate charges again caught by the amount rule.",
     "Duplicate charge, clear in the ledger. The third refund held only for its size."),
    (265, E_REF4, "ZD-45700", "enterprise", &["billing"], SHH, "rule", "refund-over-limit",
     "Duplicate invoice payment held",
     "Refund above the self-serve amount.",
     "The rule does not check whether the refund corrects our own billing error.",
     "Same pattern. The customer's finance team asked why a person had to approve returning their own money, and they had a point."),
    (248, E_REF5, "ZD-46350", "growth", &["billing"], SHH, "rule", "refund-over-limit",
     "Refund for a renewal cancelled on day one",
     "Refund above the self-serve amount.",
     "Same as before: renewal refunds within 48 hours are policy, not judgment.",
     "Approved in a minute after a day's wait. Adding it to the evidence for a rule change."),
    (245, "", "ZD-46400", "enterprise", &["integrations"], OK, "sentiment", "outage",
     "Angry admin during the sync incident",
     "Sentiment dropped sharply during a known incident.",
     "",
     "Right call: the customer needed a person who could speak for the incident timeline."),
    (230, E_WH1, "ZD-47150", "enterprise", &["api", "integrations"], LATE, "complexity", "webhook-retry-storm",
     "Retries hammering a recovering endpoint",
     "Escalated as complex after four replies.",
     "The agent asks for details while retries keep hitting a failing endpoint; pausing delivery should trigger a hand-over at once.",
     "Correct to escalate, but every reply the agent spent gathering details was more load on their endpoint."),
    (226, E_REF6, "ZD-47550", "growth", &["billing"], SHH, "rule", "refund-over-limit",
     "Double charge, held again",
     "Refund above the self-serve amount.",
     "Same gap.",
     "Sixth refund held only for its size. The proposal goes in this week."),
    (220, "", "ZD-47800", "growth", &["reporting"], SHH, "complexity", "export-timeout",
     "Large export times out",
     "The agent classed a timeout as complex.",
     "The agent does not suggest splitting the export by date range, which solves most of these.",
     "Split the range into months and it worked."),
    (198, "", "ZD-48950", "enterprise", &["reporting"], SHH, "customer-asked", "export-timeout",
     "Annual export fails every time",
     "Customer asked for a person after two failed attempts.",
     "Same gap: no advice on splitting large exports.",
     "Second export timeout the agent could have handled. Watching the pattern."),
    (190, "", "ZD-49300", "enterprise", &["billing"], OK, "stakes", "renewal-risk",
     "Enterprise renewal at risk",
     "High-tier customer mentioned leaving at renewal.",
     "",
     "Right: a renewal worth a year's contract needs a person and a call with Customer Success."),
    (177, "", "ZD-49850", "starter", &["billing"], LATE, "sentiment", "chargeback-threat",
     "Chargeback threat after three 'processing' replies",
     "Escalated when the customer mentioned his bank.",
     "Repeated 'processing' status replies should escalate before the customer threatens a dispute.",
     "Late by two replies. See the post-mortem."),
    (165, E_WH2, "ZD-50150", "enterprise", &["api"], LATE, "complexity", "webhook-retry-storm",
     "Endpoint down, retries piling up",
     "Escalated after three replies.",
     "Same as before: a failing endpoint plus a growing retry queue should hand over on the first reply.",
     "Second retry-storm escalation that came late."),
    (150, "", "ZD-51200", "growth", &["billing"], OK, "rule", "legal-threat",
     "Customer mentions a lawyer",
     "Legal threats always go to a person.",
     "",
     "Correct. Replied with care and looped in the lead; resolved without legal involvement."),
    (140, "", "ZD-51600", "enterprise", &["billing"], OK, "rule", "refund-over-limit",
     "Large goodwill refund request",
     "Refund well above the limit, not a billing error.",
     "",
     "This is what the refund rule is for since the change: a real judgment about a goodwill refund. Approved half."),
    (131, "", "ZD-52100", "growth", &["billing", "admin-console"], OK, "sentiment", "pricing-change",
     "Customer hurt by the new pricing",
     "Sentiment was very low from the first message.",
     "",
     "Right call. See the post-mortem."),
    (128, "", "ZD-52250", "starter", &["billing"], SHH, "customer-asked", "pricing-change",
     "'What will I pay now?'",
     "Customer asked for a person.",
     "The agent had no table of old plan to new plan during launch week.",
     "A lookup question. The agent got the table two days later."),
    (120, E_WH3, "ZD-52700", "enterprise", &["api", "integrations"], LATE, "sentiment", "webhook-retry-storm",
     "On-call engineer furious about retries",
     "Escalated when sentiment dropped, after three replies.",
     "Same gap; the agent still collects details first.",
     "Third late one. Drafting an escalation rule."),
    (110, E_SEAT1, "ZD-53150", "growth", &["billing"], SHH, "customer-asked", "seat-downgrade-dispute",
     "Billed for seats already removed",
     "Customer asked for a person after the agent repeated the renewal rule.",
     "The agent cannot see scheduled seat changes, so it cannot explain them.",
     "The reduction was scheduled for renewal and applied a day late. The agent could have checked the schedule if it could see it."),
    (108, "", "ZD-53100", "growth", &["mobile"], LATE, "complexity", "mobile-data-loss",
     "Offline edits lost after update",
     "Escalated as complex after the agent suggested reinstalling.",
     "Reports of lost data should hand over before any reinstall advice, which can destroy what is left.",
     "The reinstall advice nearly cost the rest of the data."),
    (88, E_WH4, "ZD-53850", "enterprise", &["api", "integrations"], LATE, "complexity", "webhook-retry-storm",
     "Retry backlog after their deploy",
     "Escalated after two replies.",
     "Same gap.",
     "Fourth late retry-storm escalation. Proposal this week."),
    (75, "", "ZD-54650", "growth", &["reporting"], SHH, "complexity", "export-timeout",
     "Export of a year of events times out",
     "Classed as complex.",
     "Still no advice on splitting large exports.",
     "Third export timeout the agent could have handled. Next proposal candidate."),
    (60, "", "ZD-55400", "enterprise", &["billing"], OK, "stakes", "refund-over-limit",
     "Refund for a contract signed in error",
     "Refund far above the limit on an enterprise contract.",
     "",
     "Right: needs finance and the account owner."),
    (52, E_SEAT2, "ZD-55750", "growth", &["billing"], SHH, "customer-asked", "seat-downgrade-dispute",
     "Seat reduction 'ignored' at renewal",
     "Customer asked for a person.",
     "The agent cannot see scheduled seat changes.",
     "Second seat dispute with the same cause."),
    (47, "", "ZD-55900", "enterprise", &["admin-console"], OK, "customer-asked", "security-review",
     "Security review request",
     "Customer asked for a named person for their access review.",
     "",
     "Correct: security reviews need someone accountable. See the post-mortem."),
    (30, E_SEAT3, "ZD-56750", "growth", &["billing"], LATE, "sentiment", "seat-downgrade-dispute",
     "Seat dispute, escalated after four replies",
     "Escalated when sentiment dropped.",
     "The agent repeats the renewal rule instead of handing over.",
     "Third seat dispute. The category moved from should-have-handled to late, which is no better for the customer."),
    (25, "", "ZD-56950", "enterprise", &["billing", "integrations"], OK, "stakes", "renewal-risk",
     "Renewal conversation with a large customer",
     "High-tier account raised pricing concerns before renewal.",
     "",
     "Right call; set up a call with Customer Success the same day."),
    (17, E_SEAT4, "ZD-57400", "growth", &["billing"], LATE, "sentiment", "seat-downgrade-dispute",
     "Seat dispute after three repeats of the rule",
     "Escalated when sentiment dropped.",
     "Same gap: no playbook for scheduled seat changes.",
     "Fourth. See the post-mortem; proposal drafted."),
];

// ---------------------------------------------------------------------------
// qa: (days ago of the week sampled, weekday 0-4, ticket, products, title,
// accuracy, tone, policy, resolution, critical_fail, missed_escalation,
// flagged, flag_status, body)
#[rustfmt::skip]
type Qa = (i64, i64, S, L, S, i64, i64, i64, i64, bool, bool, bool, S, S);

#[rustfmt::skip]
const QA: &[Qa] = &[
    (352, 0, "ZD-41610", &["billing"], "Invoice download link", 5, 4, 5, 5, false, false, false, "",
     "Correct link, correct steps. A little curt at the end."),
    (352, 1, "ZD-41625", &["admin-console"], "Password reset loop", 4, 3, 5, 4, false, false, false, "",
     "Right answer, but three replies said 'as mentioned above'. Reads impatient."),
    (352, 2, "ZD-41633", &["billing"], "Refund refused by quoting policy", 5, 2, 4, 2, false, true, true, "closed",
     "Technically correct refusal of a refund that was really a duplicate charge. Cold tone, no hand-over. Should have escalated.\n\nFlag closed when the refund rule changed."),
    (352, 3, "ZD-41648", &["api"], "API key rotation question", 5, 4, 5, 5, false, false, false, "",
     "Clear and complete."),
    (352, 4, "ZD-41660", &["mobile"], "Reinstall suggested for sync error", 3, 4, 5, 3, false, false, true, "closed",
     "Reinstall advice for unsynced data is risky. Flagged for retraining; closed when the mobile playbook changed."),
    (322, 0, "ZD-43050", &["reporting"], "Report filter explanation", 4, 4, 5, 4, false, false, false, "",
     "Good answer, one unnecessary paragraph."),
    (322, 1, "ZD-43070", &["billing"], "Proration explained in jargon", 4, 2, 5, 3, false, false, true, "closed",
     "Accurate, unreadable. The customer replied 'so am I being charged twice or not?' and the agent repeated itself.\n\nClosed with the proration article."),
    (322, 2, "ZD-43092", &["admin-console"], "Told a locked-out admin to wait", 3, 3, 4, 2, true, true, true, "closed",
     "Critical: SSO lockout for a whole company answered with 'we'll get back to you within 24 hours'. Should have escalated immediately. Closed with the SSO playbook."),
    (322, 3, "ZD-43110", &["integrations"], "CRM field mapping", 5, 5, 5, 5, false, false, false, "",
     "Excellent: anticipated the next question."),
    (290, 0, "ZD-44510", &["billing"], "VAT ID on a past invoice", 4, 4, 4, 3, false, false, false, "",
     "Correct about settings, missed that the invoice was already final. Borderline."),
    (290, 1, "ZD-44530", &["api"], "Rate-limit answer from old docs", 2, 4, 5, 2, false, false, true, "closed",
     "Quoted the per-key limit from the old docs. Wrong. Closed when the docs and the article were fixed."),
    (290, 2, "ZD-44545", &["mobile"], "Push notification settings", 5, 4, 5, 5, false, false, false, "",
     "Good."),
    (290, 3, "ZD-44560", &["admin-console"], "Member role change", 5, 5, 5, 5, false, false, false, "",
     "Good, warm close."),
    (290, 4, "ZD-44580", &["reporting"], "Dashboard timezone", 4, 4, 5, 4, false, false, false, "",
     "Correct. Could have linked the timezone setting directly."),
    (255, 0, "ZD-46050", &["billing"], "Seat change invoice", 5, 4, 5, 5, false, false, false, "",
     "Used the new proration article well."),
    (255, 1, "ZD-46070", &["admin-console"], "SSO certificate guided upload", 5, 5, 5, 5, false, false, false, "",
     "The new SSO playbook at work: guided the upload, no escalation needed. Exactly the intent."),
    (255, 2, "ZD-46090", &["integrations"], "Cancellation with a sarcastic customer", 5, 2, 5, 4, false, false, true, "dismissed",
     "Mirrored the customer's sarcasm back. Flagged; dismissed after review as a one-off the retraining set already covers."),
    (255, 3, "ZD-46120", &["api"], "Webhook setup", 5, 4, 5, 5, false, false, false, "",
     "Good."),
    (255, 4, "ZD-46140", &["billing"], "Bank refund timing", 4, 4, 5, 4, false, false, false, "",
     "Did not mention the different merchant name on statements. Added to the refund article."),
    (215, 0, "ZD-47950", &["reporting"], "Export timeout", 4, 4, 5, 3, false, false, false, "",
     "Suggested retrying, not splitting the range. Not wrong, not helpful."),
    (215, 1, "ZD-47970", &["billing"], "Duplicate charge refunded", 5, 5, 5, 5, false, false, false, "",
     "Below the limit, handled perfectly."),
    (215, 2, "ZD-47990", &["mobile"], "Data loss report handled alone", 3, 4, 4, 2, true, true, true, "closed",
     "Critical: a customer reporting lost offline edits was told to reinstall. Should have escalated; reinstalling wipes the local copy. Closed with the mobile playbook update."),
    (215, 3, "ZD-48010", &["admin-console"], "Owner transfer steps", 5, 4, 5, 5, false, false, false, "",
     "Used the ownership article. Good."),
    (215, 4, "ZD-48030", &["api"], "OAuth scopes", 5, 4, 5, 5, false, false, false, "",
     "Good."),
    (180, 0, "ZD-49600", &["billing"], "Duplicate charge under the new rule", 5, 5, 5, 5, false, false, false, "",
     "First duplicate-charge refund above the old limit handled by the agent under the new rule. Correct and quick."),
    (180, 1, "ZD-49620", &["integrations"], "Chat app reconnect", 5, 4, 5, 5, false, false, false, "",
     "Good."),
    (180, 2, "ZD-49640", &["reporting"], "Custom metric definition", 4, 4, 5, 4, false, false, false, "",
     "Fine."),
    (180, 3, "ZD-49660", &["billing"], "Renewal price question", 5, 3, 5, 4, false, false, false, "",
     "Correct, a bit defensive about the price lock."),
    (180, 4, "ZD-49680", &["api"], "Webhook retries explained while they kept failing", 4, 4, 5, 2, false, true, true, "closed",
     "The agent explained retry policy while the customer's endpoint was drowning. Should have handed over. Closed when the escalation rule shipped."),
    (140, 0, "ZD-51450", &["billing"], "Legacy plan question", 5, 5, 5, 5, false, false, false, "",
     "Warm and exact."),
    (140, 1, "ZD-51470", &["admin-console"], "Guest access", 5, 4, 5, 5, false, false, false, "",
     "Good."),
    (140, 2, "ZD-51490", &["mobile"], "App update required", 5, 4, 5, 5, false, false, false, "",
     "Good."),
    (140, 3, "ZD-51510", &["integrations"], "Sync delay", 4, 4, 5, 4, false, false, false, "",
     "Fine; could have mentioned the status page."),
    (100, 0, "ZD-53510", &["billing"], "New pricing table", 5, 4, 5, 5, false, false, false, "",
     "Used the old-to-new plan table. Good."),
    (100, 1, "ZD-53530", &["billing"], "Price rise complaint answered with a table", 5, 2, 5, 3, false, false, true, "closed",
     "Accurate comparison table for a customer who was upset about loyalty, not arithmetic. Added to the tone retraining set."),
    (100, 2, "ZD-53550", &["api"], "Pagination advice", 5, 4, 5, 5, false, false, false, "",
     "Recommended cursor paging. Good."),
    (100, 3, "ZD-53570", &["reporting"], "Scheduled export", 5, 4, 5, 5, false, false, false, "",
     "Used the timezone article."),
    (100, 4, "ZD-53590", &["admin-console"], "SCIM guest removal", 5, 4, 5, 5, false, false, false, "",
     "Correct since the fix shipped."),
    (62, 0, "ZD-55150", &["billing"], "Refund reference given", 5, 5, 5, 5, false, false, false, "",
     "Gave the amount, date and statement reference. Exactly right."),
    (62, 1, "ZD-55170", &["integrations"], "Calendar connector", 4, 4, 5, 4, false, false, false, "",
     "Fine."),
    (62, 2, "ZD-55190", &["billing"], "Seat renewal rule repeated", 5, 3, 5, 2, false, true, true, "open",
     "The agent stated the renewal rule correctly three times to a customer whose seat reduction had not been applied. Should have escalated."),
    (62, 3, "ZD-55210", &["api"], "Webhook duplicates", 5, 4, 5, 5, false, false, false, "",
     "Good, used the updated webhook article."),
    (24, 0, "ZD-56910", &["admin-console"], "Access export", 5, 5, 5, 5, false, false, false, "",
     "Good."),
    (24, 1, "ZD-56930", &["billing"], "Promised a refund date it cannot guarantee", 3, 4, 2, 3, true, false, true, "open",
     "Critical: promised a refund 'tomorrow' on a bank transfer, which takes up to ten days. Policy breach in a reassuring tone."),
    (24, 2, "ZD-56950", &["reporting"], "Export split by month", 5, 4, 5, 5, false, false, false, "",
     "Suggested splitting by month on its own. Good."),
];

// ---------------------------------------------------------------------------
// handoff: (days ago, id, case, tier, products, function, title, summary, feedback, body, links)
type Ho = (i64, S, S, S, L, S, S, S, S, S, L);

#[rustfmt::skip]
const HANDOFFS: &[Ho] = &[
    (315, HO_BULK, "ZD-43330", "enterprise", &["api"], "engineering", "Bulk import returns 500 above 10 MB",
     "Batches above the 10 MB limit get a 500 from the gateway instead of a 413; customer's Monday imports fail.",
     "Wanted the request ids from the response headers up front; I had to dig them out on a second pass.",
     "## What happens\nPOST to the bulk import endpoint with a body above 10 MB returns 500 with an empty body. Below 10 MB everything works.\n\n## Evidence\nFour failures with timestamps, batch sizes and the customer's workspace.\n\n## Customer\nSplitting batches as a workaround; wants to know when a 413 will ship.",
     &[DG_BULK]),
    (290, "", "ZD-44660", "growth", &["mobile"], "customer-success", "Clinic at risk after the schedule outage",
     "A clinic lost access to schedules for a morning; the account should hear from its CSM this week.",
     "Helpful. Next time include the renewal date so I can judge the urgency.",
     "## Why\nThe operations manager was shaken and mentioned looking at alternatives.\n\n## What I did\nWeb export as a stopgap, fix confirmed by noon.\n\n## Ask\nA call from their CSM this week.",
     &[]),
    (262, "", "ZD-46000", "enterprise", &["api"], "engineering", "Rate-limit docs say per key",
     "The rate-limit page says per key; the limit is per organisation. Customer lost a night to it.",
     "",
     "## What is wrong\nThe rate-limit page and the response header description both say per key.\n\n## Evidence\nThe customer's graphs: three keys, each at a third of the limit, all throttled together.\n\n## Ask\nFix the page and the header description.",
     &[]),
    (238, "", "ZD-47050", "starter", &["billing"], "sales", "Charity asking about non-profit pricing",
     "A small charity asks for non-profit pricing; the renewal is paused for two weeks.",
     "Put the seat count and current plan in the first line; I had to look them up before calling.",
     "## Customer\nTreasurer of a small charity, budget fixed for the year.\n\n## What I told her\nRenewal paused two weeks; Sales will contact her by Friday.\n\n## Ask\nA decision on non-profit pricing before the pause ends.",
     &[]),
    (190, HO_SCIM, "ZD-49200", "enterprise", &["admin-console", "api"], "engineering", "SCIM DELETE rejected for guests",
     "Our SCIM endpoint answers 404 to DELETE for guest users, so deprovisioned guests stay active.",
     "The raw provider payloads made this a ten-minute reproduction. Keep doing that.",
     "## What happens\nThe provider sends DELETE for removed guests; we answer 404 and the guest stays active.\n\n## Evidence\nRaw provisioning log with three payloads and our responses.\n\n## Risk\nSecurity: removed guests keep access. Customer told we treat it as urgent.",
     &[DG_SCIM]),
    (176, "", "ZD-49850", "starter", &["billing"], "customer-success", "Agency retained after a refund dispute",
     "Small agency nearly filed a chargeback; refund confirmed, relationship fragile.",
     "",
     "## Why\nThree vague updates nearly cost the account.\n\n## State\nRefund confirmed with a reference; customer calm but wary.\n\n## Ask\nA light check-in after the refund lands.",
     &[]),
    (152, "", "ZD-51080", "growth", &["integrations"], "engineering", "Marketing sync outage: customer timeline",
     "Timeline of customer reports during the marketing sync outage, to line up with the incident logs.",
     "The timeline of reports made it easy to match against our logs. Useful format.",
     "## Timeline\nFirst report, first failed sync, status page update, recovery, each with the customer's times.\n\n## Affected\nSeven customers reported it; one was on a launch day.\n\n## Ask\nTell me when the post-incident review is published so I can send it.",
     &[]),
    (125, "", "ZD-52100", "growth", &["billing"], "product", "Launch week: what customers said about pricing",
     "Themes from pricing-change conversations during launch week, with quotes.",
     "Grouping the quotes by theme was exactly what we needed for the review.",
     "## Themes\nLoyalty and feeling taken for granted; confusion about which plan maps to which; seat minimums for small teams.\n\n## Numbers\nMost launch-week escalations were questions the agent could answer once it had the mapping table.\n\n## Ask\nA message for long-time customers.",
     &[]),
    (105, "", "ZD-53100", "growth", &["mobile"], "engineering", "Offline edits lost after app update",
     "After the last app update, unsynced offline edits were discarded on first launch for one customer's field team.",
     "The device model and OS version for every affected user would have saved us a day.",
     "## What happens\nEdits made offline before the update are gone after the first launch of the new version.\n\n## Evidence\nTwelve users, app versions, times of update. Recovered most data from device backups.\n\n## Ask\nConfirm the cause; tell me whether other customers are exposed.",
     &[]),
    (76, HO_STORM, "ZD-54500", "enterprise", &["api", "integrations"], "engineering", "Retry storm kept a customer's endpoint down",
     "Our retries kept a customer's endpoint from recovering; retries paused by hand, backlog waiting for replay.",
     "Written in the new template and it had everything we needed.",
     "## What happens\nAfter their endpoint failed, the retry backlog reached about 40,000 events and kept it down.\n\n## What I did\nPaused delivery for the workspace; customer chooses when to replay.\n\n## Ask\nA rate-limited replay, and a ceiling on retry concurrency per endpoint.",
     &[PM_STORM]),
    (46, "", "ZD-55900", "enterprise", &["admin-console"], "customer-success", "Security review closed, relationship restored",
     "Enterprise security team closed their quarterly access review with our export; last quarter's incomplete answer is repaired.",
     "",
     "## Context\nLast quarter's answer was incomplete and the security lead said so.\n\n## This quarter\nFull export, two odd accounts explained up front, review closed the same day.\n\n## Ask\nMention it at the renewal call; it matters to them.",
     &[]),
    (11, "", "ZD-57400", "growth", &["billing"], "sales", "Team wants more seats after the seat dispute",
     "After the seat dispute was resolved, the team lead asked about adding a second team next quarter.",
     "",
     "## Customer\nTeam lead, 25 seats, billing dispute resolved with a credit.\n\n## Interest\nA second team of about fifteen next quarter.\n\n## Ask\nCall before the end of the month; she prefers mornings.",
     &[PM_SEATS]),
];

// ---------------------------------------------------------------------------
// explore: (days ago, area, products, minutes, title, what I learned)
type Ex = (i64, S, L, i64, S, S);

#[rustfmt::skip]
const EXPLORES: &[Ex] = &[
    (357, "reporting: scheduled exports", &["reporting"], 60, "How scheduled exports are built",
     "Exports run after the nightly aggregation, in workspace time. Large ranges are built in one query, which is why they time out."),
    (341, "api: webhooks", &["api"], 45, "Webhook delivery and retries",
     "Read the delivery log screens. Retries back off up to six hours, and an endpoint is disabled after a day of failures."),
    (324, "admin-console: single sign-on", &["admin-console"], 90, "Setting up SSO from scratch in a test workspace",
     "Configured SSO with a test identity provider end to end. Now I know what the admin sees when a certificate expires."),
    (308, "billing: proration", &["billing"], 75, "Proration with pen and paper",
     "Worked five plan changes by hand against the invoices. Downgrades wait for renewal; upgrades prorate to the day."),
    (289, "mobile: offline mode", &["mobile"], 60, "Offline edits and conflict rules",
     "Server wins on timestamp. A slow device clock therefore loses edits silently."),
    (270, "integrations: CRM connector", &["integrations"], 45, "CRM connector field mapping",
     "Custom stages and fields are unmapped by default; matching on email trims nothing."),
    (252, "api: rate limits", &["api"], 30, "Rate-limit headers",
     "The headers are per organisation; the reset time is in seconds, not a timestamp."),
    (236, "admin-console: SCIM provisioning", &["admin-console"], 90, "SCIM with a test provider",
     "Provisioned and removed users and guests; watched the requests. Guests behave differently."),
    (218, "reporting: custom metrics", &["reporting"], 40, "How custom metrics reference fields",
     "Metrics store field names, not ids, so a rename breaks them without warning."),
    (201, "billing: tax engine", &["billing"], 60, "When tax is calculated",
     "Tax is calculated at finalisation from the billing address; reissued invoices recalculate."),
    (184, "api: OAuth", &["api"], 45, "Refresh-token rotation",
     "Each refresh returns a new refresh token; the old one stops working after a short grace period."),
    (163, "integrations: chat app", &["integrations"], 30, "Linking workspaces to a chat organisation",
     "Several workspaces can link to one chat organisation, and the settings page does not show which."),
    (147, "mobile: release process", &["mobile"], 50, "Forced updates",
     "Forced update is a flag per workspace; it is not set automatically by security settings."),
    (136, "billing: new pricing", &["billing"], 90, "Learning the new plans before launch",
     "Built my own old-to-new mapping table; shared it with the team and it became the agent's table."),
    (113, "admin-console: audit log", &["admin-console", "api"], 45, "What the audit log records",
     "Actions by API keys without an owner have no actor. Keys with an owner are attributed to that person."),
    (92, "reporting: BI connector", &["reporting", "integrations"], 60, "Which fields are indexed",
     "Only created-at, updated-at and ids are indexed; filters on custom fields scan."),
    (70, "integrations: calendar connector", &["integrations", "mobile"], 45, "How calendar export works",
     "We publish a calendar feed; devices that subscribe and also sync the account can show each event twice."),
    (51, "mobile: Android accounts", &["mobile"], 120, "Android account sync, for the focus month",
     "Set up two test phones. Account sync on Android re-imports subscribed calendars, which explains the duplicates case."),
    (33, "billing: purchase orders", &["billing"], 45, "Purchase orders on enterprise invoices",
     "A PO change creates a new invoice sequence unless finance merges it. Probably my pending case."),
    (11, "api: events API", &["api", "reporting"], 60, "Events API versus the dashboard",
     "The API includes soft-deleted events unless filtered; the dashboard never shows them."),
];

// ---------------------------------------------------------------------------
// approval: (days ago, case, tier, products, gate, decision, title,
// agent_proposal, policy, why, reversal, body)
type Ap = (i64, S, S, L, S, S, S, S, S, S, S, S);

#[rustfmt::skip]
const APPROVALS: &[Ap] = &[
    (344, "ZD-41870", "growth", &["billing"], "refund", "approved", "Refund of a duplicate annual charge",
     "Refund the second annual charge in full.",
     "Billing errors are refunded in full.",
     "The ledger shows two captured charges for one subscription.",
     "", "Straightforward; the agent's proposal was right."),
    (312, "ZD-43200", "enterprise", &["admin-console"], "account-change", "rejected", "Owner change without verification",
     "Transfer ownership to the requester, who says the owner has left.",
     "Ownership changes need verification of the company's authority.",
     "The requester's domain did not match the workspace, and no document was provided.",
     "", "Asked for the verification documents instead. They came two days later from the right domain and the transfer went ahead."),
    (281, "ZD-44720", "enterprise", &["integrations"], "sensitive-message", "amended", "Incident apology with a promised time",
     "Send an apology with a fix time of 'within the hour'.",
     "No fix times in customer messages unless engineering has committed to one.",
     "Engineering had not committed to a time.",
     "", "Kept the apology, replaced the time with the next update time."),
    (240, "ZD-46950", "enterprise", &["billing"], "high-tier", "amended", "Renewal reply to an enterprise customer",
     "Reply with the standard renewal terms.",
     "High-tier replies are reviewed by a person.",
     "The customer had a negotiated cap in their contract that the standard terms ignore.",
     "", "Rewrote the reply with their contract terms."),
    (207, "ZD-48400", "growth", &["billing"], "refund", "amended", "Partial refund for unused months",
     "Refund the full annual plan.",
     "Annual plans are refunded pro rata after the first 30 days.",
     "The customer had used four months.",
     "", "Refunded the unused eight months and explained the calculation."),
    (168, "ZD-50350", "enterprise", &["admin-console"], "account-change", "approved", "Ownership transfer after verification",
     "Transfer ownership to the new IT director.",
     "Ownership changes need verification of the company's authority.",
     "Verification documents matched and came from the company domain.",
     "The customer's legal team disputed the new owner's authority a week later; ownership went back to the previous admin while they settled it.",
     "Approved on the documents. Reversed a week later after an internal dispute at the customer; the verification was sound, but I now ask whether anyone else should be told."),
    (134, "ZD-51800", "growth", &["billing"], "refund", "rejected", "Refund for usage beyond the period",
     "Refund three months of overage charges.",
     "Usage charges are not refunded once the period has closed, except for billing errors.",
     "The usage was real and the alerts had been sent.",
     "", "Offered a credit towards a higher plan instead, which the customer took."),
    (99, "ZD-53600", "enterprise", &["mobile"], "sensitive-message", "approved", "Data-loss notice to a field team",
     "Tell the customer exactly what was recovered and what was not.",
     "Messages about data loss are reviewed by a person.",
     "Accurate, clear and with no promise we cannot keep.",
     "", "Approved as written; the agent's draft was better than my first one."),
    (58, "ZD-55450", "enterprise", &["billing"], "high-tier", "escalated", "Contract term change request",
     "Agree to move the renewal date by three months.",
     "Contract changes belong to the account owner and finance.",
     "Not mine to decide; I added the context and passed it to the lead and the account owner.",
     "", "Escalated with a summary of the customer's reasons."),
    (21, "ZD-57100", "starter", &["billing"], "refund", "approved", "Refund for a renewal cancelled within a day",
     "Refund the renewal in full.",
     "Renewals cancelled within 48 hours are refunded in full.",
     "Cancelled after six hours.",
     "", "Since the rule change these usually never reach me; this one did because the amount was unusually large."),
];

// ---------------------------------------------------------------------------
// proposal: (days ago, id, target, pattern, evidence, status, proposed,
// accepted, shipped (days ago, 0 = none), change_ref, title, body, links)
type Pr = (i64, S, S, S, L, S, i64, i64, i64, S, S, S, L);

#[rustfmt::skip]
const PROPOSALS: &[Pr] = &[
    (285, PROP_SSO, "playbook", "sso-lockout", &[E_SSO1, E_SSO2, E_SSO3, E_SSO4], "shipped", 285, 275, 262, "PB-2114",
     "Playbook: guided SSO certificate recovery",
     "## Pattern\nFour SSO lockouts in two months, all from a rotated identity-provider certificate, all escalated although an admin could still sign in with a password.\n\n## Change\nTeach the agent to recognise the certificate error and guide an admin with a password login through the upload. Escalate only when no admin can sign in.\n\n## Expected effect\nMost certificate lockouts solved without a person.",
     &[KB_SSO]),
    (215, PROP_REFUND, "escalation-rule", "refund-over-limit", &[E_REF1, E_REF2, E_REF3, E_REF4, E_REF5, E_REF6], "shipped", 215, 205, 188, "ER-317",
     "Escalation rule: billing-error refunds skip approval",
     "## Pattern\nSix refunds held for approval only because of their size, though each corrected our own billing error (duplicate charge, renewal cancelled within 48 hours). Each waited about a day.\n\n## Change\nRefunds that correct a billing error recognised in the ledger go through without approval, at any amount. Goodwill refunds above the amount still come to a person.\n\n## Expected effect\nFaster refunds for clear errors; the approvals queue keeps the real judgment calls.",
     &[KB_REFUND]),
    (85, PROP_WEBHOOK, "escalation-rule", "webhook-retry-storm", &[E_WH1, E_WH2, E_WH3, E_WH4], "accepted", 85, 70, 0, "",
     "Escalation rule: hand over retry storms at once",
     "## Pattern\nFour escalations, all correct but late: the agent spent two to four replies collecting details while retries kept a failing endpoint down.\n\n## Change\nWhen a customer reports a failing endpoint and the delivery log shows a growing retry queue, hand over on the first reply and offer to pause delivery.\n\n## Expected effect\nFewer late escalations, shorter incidents for customers.",
     &[]),
    (13, PROP_SEATS, "playbook", "seat-downgrade-dispute", &[E_SEAT1, E_SEAT2, E_SEAT3, E_SEAT4], "proposed", 13, 0, 0, "",
     "Playbook: scheduled seat changes at renewal",
     "## Pattern\nFour seat disputes at renewal in four months. The agent cannot see scheduled seat changes, so it repeats the renewal rule, and the customer feels called a liar.\n\n## Change\nGive the agent read access to scheduled changes and a playbook: check the schedule, explain what happened on the renewal date, credit the difference when a scheduled reduction was applied late.\n\n## Expected effect\nMost seat disputes resolved by the agent in one reply.",
     &[PM_SEATS]),
];

// ---------------------------------------------------------------------------
// rating: (days ago, id, skill, level, rater, rater_name, evidence, title, body)
type Ra = (i64, S, S, S, S, S, L, S, S);

#[rustfmt::skip]
const RATINGS: &[Ra] = &[
    (360, "", "complex-case-diagnosis", "rookie", "self", "", &[], "Starting point: complex-case diagnosis",
     "I work cases well once I am in them, but I rarely say what I expect before I start. No track record to judge by yet."),
    (360, "", "empathic-communication", "pro", "self", "", &[], "Starting point: empathic communication",
     "Customers usually end calmer than they start with me, but I lean on the same few phrases and I don't yet know which ones work where."),
    (360, "", "knowledge-base-specification", "rookie", "self", "", &[], "Starting point: knowledge-base specification",
     "I have never written an article. I notice gaps and then forget them."),
    (360, "", "agent-escalation-tuning", "rookie", "self", "", &[], "Starting point: agent escalation tuning",
     "I grumble about bad escalations but have not categorised them or proposed anything."),
    (183, "", "complex-case-diagnosis", "pro", "self", "", &[DG_SSO_CERT, DG_OWNER, DG_EXPORT_TZ, DG_VAT],
     "Mid-year: complex-case diagnosis",
     "Twenty resolved predictions at half-year, half of them hits in the second quarter against a third in the first. My misses are mostly overconfidence on a timing coincidence."),
    (183, "", "knowledge-base-specification", "pro", "self", "", &[KB_SSO, KB_PRORATION, KB_OWNER, KB_RATE],
     "Mid-year: knowledge-base specification",
     "Seven articles published, each from a case where the agent had nothing to offer. Deflections on the proration article are the best evidence."),
    (183, "", "agent-escalation-tuning", "pro", "self", "", &[PROP_SSO, PROP_REFUND],
     "Mid-year: agent escalation tuning",
     "Two changes shipped from patterns I counted: SSO lockouts stopped reaching me, and the refund rule shipped this month."),
    (178, "", "empathic-communication", "pro", "lead", LEAD, &[PM_SSO, PM_BOARD],
     "Lead rating: empathic communication",
     "Reads the customer's real need under pressure, as in the board-report case. Next step: share the phrase library with the team."),
    (7, "", "complex-case-diagnosis", "pro", "self", "", &[DG_SCIM, DG_SANDBOX, DG_MERGE, DG_CALENDAR],
     "Year end: complex-case diagnosis",
     "Hit rate around two thirds in the second half, with confidence that matches. Still pro: the calendar miss shows I am weak outside billing and the API."),
    (7, "", "empathic-communication", "master", "self", "", &[PM_BOARD, PM_LOYAL, PM_ACCESS, TEACH_SESSION],
     "Year end: empathic communication",
     "Most hard conversations end two or more points calmer, the phrase library is used by others, and I ran a session on it."),
    (7, "", "agent-escalation-tuning", "master", "self", "", &[PROP_SSO, PROP_REFUND, PROP_WEBHOOK, PROP_SEATS],
     "Year end: agent escalation tuning",
     "Should-have-handled escalations fell from most of my escalations to almost none. Two changes shipped, one accepted, one proposed."),
    (5, "", "agent-escalation-tuning", "pro", "lead", LEAD, &[PROP_SSO, PROP_REFUND, PROP_WEBHOOK],
     "Lead rating: agent escalation tuning",
     "Strong pro. Two shipped changes with clear before-and-after figures. Master when the team uses the same method on its own patterns, which the export-timeout pattern will show."),
];

// ---------------------------------------------------------------------------
// feedback: (days ago, from, source, skills, links, title, body)
type Fb = (i64, S, S, L, L, S, S);

#[rustfmt::skip]
const FEEDBACK: &[Fb] = &[
    (286, "Tomasz Kowal", "engineering", &["hand-off-documentation"], &[HO_BULK], "Engineering on the bulk-import hand-off",
     "The reproduction was clear and the size pattern saved us time. Please put the request ids from the response headers in the first message; that is the first thing we search for."),
    (180, LEAD, "lead", &["agent-escalation-tuning", "knowledge-base-specification"], &[PROP_SSO, PROP_REFUND], "Mid-year from Dana",
     "Two shipped changes in six months, both with the counts that made them easy to approve. The articles are in use. For the second half: calibrate your diagnosis confidence and keep QA sampling steady through busy weeks."),
    (115, "Grace Liu", "customer-success", &["empathic-communication"], &[PM_LOYAL], "Customer Success on the pricing conversation",
     "The long-time customer who threatened to leave over the new pricing renewed and mentioned your reply on our call. Whatever you said, the team would benefit from hearing it."),
    (32, "Ravi Menon", "peer", &["empathic-communication", "hand-off-documentation"], &[TEACH_SESSION, TEACH_GUIDE], "From Ravi after the session",
     "Since your session I use the 'numbers first, explanation second' move on deadline cases and it works. The hand-off guide is pinned in our channel."),
];

// ---------------------------------------------------------------------------
// note: (days ago, skills, links, title, body)
type No = (i64, L, L, S, S);

#[rustfmt::skip]
const NOTES: &[No] = &[
    (362, &["goal-setting-and-accountability"], &[], "Why I'm keeping this journal",
     "Dana suggested keeping a practice journal after my last review, where I could describe what I do but not show it.\n\nThe plan: predict before complex cases, write a short post-mortem after hard conversations, categorise every escalation and sample the agent's work each week. Then see what a year of it looks like."),
    (247, &["adaptability"], &[], "Agent model update week",
     "The agent moved to a new model this week. Escalation volume dropped by about a fifth, but two QA samples show it is more confident and less careful on billing questions.\n\nWatching refunds and proration closely for a month before deciding anything."),
    (182, &["agent-escalation-tuning"], &[PROP_SSO, PROP_REFUND], "Mid-year 1:1 prep",
     "## Since the last 1:1\n- SSO playbook shipped: no SSO lockout has reached me since.\n- Refund rule shipped this week.\n- Hit rate up from about a third to a half.\n\n## To discuss\n- QA sampling slips in busy weeks.\n- Whether I can take an article-review rota."),
    (128, &["time-and-task-management"], &[], "Launch week for the new pricing",
     "The queue was full of pricing escalations all week, most of them lookups the agent could not do without a mapping table. Shared my own table on day two; the agent had it on day three.\n\nQA sampling went to zero this week. Noted for the goal."),
    (6, &["goal-setting-and-accountability"], &[PROP_SEATS], "A year in the journal",
     "What the year shows: predictions went from a third right to about two thirds, should-have-handled escalations from most of them to almost none, and four proposals, two shipped.\n\nWhat it does not show yet: diagnosis outside billing and the API, and a team habit around proposals. That is next year."),
];

// ---------------------------------------------------------------------------
// teach: (days ago, id, format, audience, minutes, skills, title, body)
type Te = (i64, S, S, S, i64, L, S, S);

#[rustfmt::skip]
const TEACHES: &[Te] = &[
    (205, "", "pairing", "Sofia, new on the escalations queue", 90, &["agent-escalation-tuning"],
     "Pairing on escalation categories",
     "Worked through an afternoon of escalations with Sofia, naming the category and the playbook gap for each. By the end she was calling them before I did."),
    (118, TEACH_SESSION, "session", "Support team (14 people)", 45, &["empathic-communication"],
     "Session: words that worked on hard calls",
     "Walked through six post-mortems: the moment it nearly broke, what shifted it, the words. The point was the situations, not a script. Most questions were about deadline cases."),
    (36, TEACH_GUIDE, "guide", "Support team and engineering on-call", 120, &["hand-off-documentation"],
     "Guide: hand-offs engineering can act on",
     "Wrote a one-page guide from a year of engineering feedback on my hand-offs: request ids first, exact reproduction, customer impact, what we told the customer, the ask. Engineering reviewed it."),
];

/// Every record of the demo journal, oldest first, for `person` (a kebab-case slug such as "ana-lima"),
/// covering the 365 days that end on `end`. Deterministic: same inputs, same output (no randomness
/// source other than a small hand-written PRNG seeded with a constant, if you need one).
pub fn demo_records(person: &str, end: NaiveDate) -> Vec<Value> {
    let mut b = Builder {
        person,
        end,
        out: Vec::new(),
    };
    b.diagnoses();
    b.postmortems();
    b.kb();
    b.escalations();
    b.qa();
    b.handoffs();
    b.explores();
    b.proposals();
    b.approvals();
    b.history();
    let mut out = b.out;
    out.sort_by(|a, b| a["date"].as_str().cmp(&b["date"].as_str()));
    out
}

struct Builder<'a> {
    person: &'a str,
    end: NaiveDate,
    out: Vec<Value>,
}

/// The common fields of one record besides kind, title, body, date and person.
struct Head<'a> {
    id: &'a str,
    title: &'a str,
    tags: Vec<&'a str>,
    skills: Vec<&'a str>,
    products: &'a [&'a str],
    case: &'a str,
    tier: &'a str,
    links: &'a [&'a str],
}

impl<'a> Head<'a> {
    fn new(id: &'a str, title: &'a str) -> Head<'a> {
        Head {
            id,
            title,
            tags: Vec::new(),
            skills: Vec::new(),
            products: &[],
            case: "",
            tier: "",
            links: &[],
        }
    }
}

impl Builder<'_> {
    /// The working day `n` days before the end: weekends move to the Friday
    /// before, or to the Monday after when that would leave the year.
    fn day(&self, n: i64) -> NaiveDate {
        let n = n.clamp(1, 364);
        let d = self.end - Duration::days(n);
        let back = match d.weekday() {
            Weekday::Sat => 1,
            Weekday::Sun => 2,
            _ => 0,
        };
        if back == 0 {
            d
        } else if n + back <= 364 {
            d - Duration::days(back)
        } else {
            d + Duration::days(3 - back)
        }
    }

    fn date(&self, n: i64) -> Value {
        Value::String(self.day(n).format("%Y-%m-%d").to_string())
    }

    /// A date field only when `n` is set (0 means none).
    fn date_opt(&self, n: i64) -> Value {
        if n > 0 { self.date(n) } else { Value::Null }
    }

    fn push(&mut self, kind: &str, when: NaiveDate, head: Head, body: String, fields: Value) {
        let mut m = Map::new();
        if !head.id.is_empty() {
            m.insert("id".into(), json!(head.id));
        }
        m.insert("kind".into(), json!(kind));
        m.insert("title".into(), json!(head.title));
        m.insert("body".into(), json!(body));
        m.insert("date".into(), json!(stamp(when, kind, head.title)));
        m.insert("person".into(), json!(self.person));
        let common = json!({
            "tags": head.tags,
            "skills": head.skills,
            "products": head.products,
            "case": head.case,
            "tier": head.tier,
            "links": head.links,
        });
        for (k, v) in common
            .as_object()
            .into_iter()
            .flatten()
            .chain(fields.as_object().into_iter().flatten())
        {
            let empty = match v {
                Value::Null => true,
                Value::String(s) => s.is_empty(),
                Value::Array(a) => a.is_empty(),
                _ => false,
            };
            if !empty {
                m.insert(k.clone(), v.clone());
            }
        }
        self.out.push(Value::Object(m));
    }

    fn diagnoses(&mut self) {
        for &(
            n,
            id,
            case,
            tier,
            products,
            tags,
            title,
            prediction,
            confidence,
            situation,
            why,
            outcome,
        ) in DIAGNOSES
        {
            let mut skills = vec!["complex-case-diagnosis"];
            if products.len() > 1 {
                skills.push("cross-product-context");
            }
            let mut body = format!("## Situation\n{situation}\n\n## Why I predicted this\n{why}");
            let mut fields = json!({ "prediction": prediction, "confidence": confidence });
            if let Some((actual, verdict, after, lesson)) = outcome {
                body.push_str(&format!(
                    "\n\n## What it was\n{actual}\n\n## Lesson\n{lesson}"
                ));
                fields["actual"] = json!(actual);
                fields["verdict"] = json!(verdict);
                fields["resolved"] = self.date(n - after);
            }
            let head = Head {
                tags: tags.to_vec(),
                skills,
                products,
                case,
                tier,
                ..Head::new(id, title)
            };
            self.push("diagnosis", self.day(n), head, body, fields);
        }
    }

    fn postmortems(&mut self) {
        for &(
            n,
            id,
            case,
            tier,
            products,
            tags,
            title,
            para,
            shifted,
            phrases,
            ctx,
            near,
            s0,
            s1,
            next,
            links,
        ) in POSTMORTEMS
        {
            let body = format!("{para}\n\n## Next time\n{next}");
            let fields = json!({
                "shifted": shifted, "phrases": phrases, "phrase_context": ctx,
                "near_loss": near, "sentiment_start": s0, "sentiment_end": s1,
            });
            let head = Head {
                tags: tags.to_vec(),
                skills: vec!["empathic-communication"],
                products,
                case,
                tier,
                links,
                ..Head::new(id, title)
            };
            self.push("postmortem", self.day(n), head, body, fields);
        }
    }

    fn kb(&mut self) {
        for &(
            n,
            id,
            case,
            products,
            tags,
            title,
            status,
            article_id,
            gap_entry,
            first_seen,
            published,
            retired,
            verified,
            corrections,
            terms,
            deflections,
            symptom,
            cause,
            fix,
        ) in KB
        {
            let body =
                format!("## Symptom\n{symptom}\n\n## Cause\n{cause}\n\n## What to do\n{fix}");
            let live = status != "draft";
            let fields = json!({
                "status": status,
                "article_id": article_id,
                "gap_case": case,
                "gap_entry": gap_entry,
                "first_seen": self.date_opt(first_seen),
                "published": self.date_opt(published),
                "retired": self.date_opt(retired),
                "last_verified": self.date_opt(verified),
                "review_interval_days": if live { json!(90) } else { Value::Null },
                "corrections": if live { json!(corrections) } else { Value::Null },
                "search_terms": terms,
                "deflections": if live { json!(deflections) } else { Value::Null },
            });
            let head = Head {
                tags: tags.to_vec(),
                skills: vec!["knowledge-base-specification"],
                products,
                case,
                ..Head::new(id, title)
            };
            self.push("kb", self.day(n), head, body, fields);
        }
    }

    fn escalations(&mut self) {
        for &(n, id, case, tier, products, category, trigger, pattern, title, reason, gap, body) in
            ESCALATIONS
        {
            let fields = json!({
                "category": category, "trigger": trigger, "reason": reason,
                "playbook_gap": gap, "pattern": pattern,
            });
            let head = Head {
                tags: vec![pattern],
                skills: vec!["agent-escalation-tuning"],
                products,
                case,
                tier,
                ..Head::new(id, title)
            };
            self.push("escalation", self.day(n), head, body.to_string(), fields);
        }
    }

    fn qa(&mut self) {
        for &(
            week,
            weekday,
            ticket,
            products,
            title,
            acc,
            tone,
            policy,
            res,
            critical,
            missed,
            flagged,
            flag_status,
            body,
        ) in QA
        {
            let d = self.end - Duration::days(week);
            let when = d - Duration::days(d.weekday().num_days_from_monday() as i64)
                + Duration::days(weekday);
            let mut tags = vec!["weekly-sample"];
            if critical {
                tags.push("critical-fail");
            }
            if missed {
                tags.push("missed-escalation");
            }
            if tone <= 2 {
                tags.push("tone");
            }
            let fields = json!({
                "ticket": ticket, "accuracy": acc, "tone": tone, "policy": policy, "resolution": res,
                "critical_fail": critical, "missed_escalation": missed, "flagged": flagged,
                "flag_status": flag_status,
            });
            let head = Head {
                tags,
                skills: vec!["quality-sampling-judgment"],
                products,
                case: ticket,
                ..Head::new("", title)
            };
            self.push("qa", when, head, body.to_string(), fields);
        }
    }

    fn handoffs(&mut self) {
        for &(n, id, case, tier, products, function, title, summary, feedback, body, links) in
            HANDOFFS
        {
            let fields = json!({ "function": function, "summary": summary, "feedback": feedback });
            let head = Head {
                tags: vec![function],
                skills: vec!["hand-off-documentation"],
                products,
                case,
                tier,
                links,
                ..Head::new(id, title)
            };
            self.push("handoff", self.day(n), head, body.to_string(), fields);
        }
    }

    fn explores(&mut self) {
        for &(n, area, products, minutes, title, learned) in EXPLORES {
            let body = format!("## What I looked at\n{area}\n\n## What I learned\n{learned}");
            let fields = json!({ "area": area, "minutes": minutes });
            let head = Head {
                skills: vec!["cross-product-context"],
                products,
                ..Head::new("", title)
            };
            self.push("explore", self.day(n), head, body, fields);
        }
    }

    fn proposals(&mut self) {
        for &(
            n,
            id,
            target,
            pattern,
            evidence,
            status,
            proposed,
            accepted,
            shipped,
            change_ref,
            title,
            body,
            links,
        ) in PROPOSALS
        {
            let fields = json!({
                "target": target, "pattern": pattern, "evidence": evidence, "status": status,
                "proposed": self.date_opt(proposed), "accepted": self.date_opt(accepted),
                "shipped": self.date_opt(shipped), "change_ref": change_ref,
            });
            let head = Head {
                tags: vec![pattern],
                skills: vec!["agent-escalation-tuning"],
                links,
                ..Head::new(id, title)
            };
            self.push("proposal", self.day(n), head, body.to_string(), fields);
        }
    }

    fn approvals(&mut self) {
        for &(
            n,
            case,
            tier,
            products,
            gate,
            decision,
            title,
            proposal,
            policy,
            why,
            reversal,
            body,
        ) in APPROVALS
        {
            let fields = json!({
                "gate": gate, "decision": decision, "agent_proposal": proposal, "policy": policy,
                "why": why, "reversed": !reversal.is_empty(), "reversal": reversal,
            });
            let head = Head {
                tags: vec![gate],
                skills: vec!["agent-escalation-tuning"],
                products,
                case,
                tier,
                ..Head::new("", title)
            };
            self.push("approval", self.day(n), head, body.to_string(), fields);
        }
    }

    /// The records that are not practice entries, and the few practice kinds
    /// without a table of their own shape: notes, teaching, ratings, focus,
    /// goals, feedback, metrics and milestones.
    fn history(&mut self) {
        for &(n, skills, links, title, body) in NOTES {
            let head = Head {
                skills: skills.to_vec(),
                links,
                ..Head::new("", title)
            };
            self.push("note", self.day(n), head, body.to_string(), json!({}));
        }
        for &(n, id, format, audience, minutes, skills, title, body) in TEACHES {
            let fields = json!({ "format": format, "audience": audience, "minutes": minutes });
            let head = Head {
                tags: vec!["teaching"],
                skills: skills.to_vec(),
                ..Head::new(id, title)
            };
            self.push("teach", self.day(n), head, body.to_string(), fields);
        }
        for &(n, id, skill, level, rater, rater_name, evidence, title, body) in RATINGS {
            let fields = json!({
                "skill": skill, "level": level, "rater": rater, "rater_name": rater_name, "evidence": evidence,
            });
            self.push(
                "rating",
                self.day(n),
                Head::new(id, title),
                body.to_string(),
                fields,
            );
        }
        for &(n, from, source, skills, links, title, body) in FEEDBACK {
            let fields = json!({ "from": from, "source": source, "subject": self.person });
            let head = Head {
                skills: skills.to_vec(),
                links,
                ..Head::new("", title)
            };
            self.push("feedback", self.day(n), head, body.to_string(), fields);
        }
        self.focus_and_goals();
        self.metrics();
        let milestones: [(i64, S, L, L, S, S); 2] = [
            (
                226,
                "course",
                &["agent-escalation-tuning"],
                &[],
                "Course: conversation design for AI agents",
                "Finished the four-week course on designing conversations and escalation rules for AI agents. The module on hand-over triggers changed how I write proposals.",
            ),
            (
                65,
                "award",
                &["agent-escalation-tuning"],
                &[PROP_REFUND],
                "Quarterly support award",
                "Team award for the refund rule change: refunds for billing errors now take minutes instead of a day, and the approval queue halved.",
            ),
        ];
        for (n, kind, skills, links, title, body) in milestones {
            let head = Head {
                skills: skills.to_vec(),
                links,
                ..Head::new("", title)
            };
            self.push(
                "milestone",
                self.day(n),
                head,
                body.to_string(),
                json!({ "milestone_type": kind }),
            );
        }
    }

    fn focus_and_goals(&mut self) {
        let head = Head {
            skills: vec!["empathic-communication", "focus-and-follow-through"],
            case: "ZD-43980",
            links: &[PM_THIRD],
            ..Head::new("", "Focus: owning a repeat contact")
        };
        let fields = json!({
            "skill": "empathic-communication", "trigger_case": "ZD-43980", "status": "closed",
            "closed": self.date(268),
            "retro": "Practised opening every repeat contact by owning the history before any rule. Four repeat contacts this month; all four ended calmer than they started, and none went to a third contact.",
        });
        self.push("focus", self.day(298), head,
                  "I lost a customer on his third contact by reading out a rule. This month: on every repeat contact, own the whole history in the first reply.".to_string(),
                  fields);

        let head = Head {
            skills: vec!["cross-product-context", "focus-and-follow-through"],
            case: "ZD-55200",
            links: &[DG_CALENDAR],
            ..Head::new("", "Focus: how mobile and integrations meet")
        };
        let fields = json!({ "skill": "cross-product-context", "trigger_case": "ZD-55200", "status": "open" });
        self.push("focus", self.day(50), head,
                  "The calendar duplicates miss showed I can't reason about how the Android account model meets our connectors. This month: a test phone, an hour a week on device sync, and a prediction on every mobile-plus-integrations case.".to_string(),
                  fields);

        let head = Head {
            skills: vec![
                "goal-setting-and-accountability",
                "knowledge-base-specification",
            ],
            ..Head::new("", "Six published KB articles")
        };
        let fields = json!({
            "query": "kind:kb status:published", "target": 6, "due": self.date(150), "status": "met",
            "retro": "Met with room to spare: eight published by the due date. Writing the article the week the gap shows up, while the case is fresh, is what made it work.",
        });
        self.push(
            "goal",
            self.day(330),
            head,
            "Publish six articles from real gaps, each linked to the case that showed the gap."
                .to_string(),
            fields,
        );

        let head = Head {
            skills: vec![
                "goal-setting-and-accountability",
                "quality-sampling-judgment",
            ],
            ..Head::new("", "Steady weekly QA sampling")
        };
        let fields = json!({
            "query": "kind:qa", "target": 45, "due": self.date(60), "status": "missed",
            "retro": "Missed by a few samples: launch week and two incident weeks took sampling to zero. Sampling now happens first thing on Monday, before the queue.",
        });
        self.push(
            "goal",
            self.day(175),
            head,
            "Reach 45 QA samples in the journal by the due date, at five a week.".to_string(),
            fields,
        );
    }

    /// Quarterly helpdesk figures for the four most recent quarters that ended
    /// before `end`, each recorded a few days after its quarter closed.
    fn metrics(&mut self) {
        let figures: [(f64, i64, f64, f64, f64, i64); 4] = [
            (86.1, 118, 7.8, 71.0, 82.0, 412),
            (88.4, 131, 6.9, 74.0, 85.0, 438),
            (90.2, 127, 5.6, 77.0, 88.0, 455),
            (91.5, 142, 4.9, 79.0, 90.0, 447),
        ];
        let mut quarters = Vec::new();
        let (mut year, mut q) = (self.end.year(), (self.end.month0() / 3) as i32);
        while quarters.len() < 4 {
            // Step back one quarter and keep it when it closed at least four days before `end`.
            if q == 0 {
                year -= 1;
                q = 3;
            } else {
                q -= 1;
            }
            let next_start = if q == 3 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, (q as u32 + 1) * 3 + 1, 1)
            };
            let last = next_start.expect("a valid quarter start") - Duration::days(1);
            if (self.end - last).num_days() >= 4 {
                quarters.push((year, q + 1, last));
            }
        }
        quarters.reverse();
        for ((year, q, last), (csat, n, reopen, fcr, qa, cases)) in
            quarters.into_iter().zip(figures)
        {
            let period = format!("{year}-Q{q}");
            let days_ago = ((self.end - last).num_days() - 3).min(360);
            let title = format!("Helpdesk figures {period}");
            let body = format!(
                "Imported from the helpdesk export for {period}: CSAT {csat} % over {n} responses, re-open rate {reopen} %, first-contact resolution {fcr} %, QA score {qa}. {cases} cases handled, shown as context only."
            );
            let fields = json!({
                "period": period, "csat": csat, "csat_n": n, "reopen_rate": reopen, "fcr": fcr,
                "qa_score": qa, "cases_handled": cases, "source": "helpdesk export",
            });
            self.push(
                "metric",
                self.day(days_ago),
                Head::new("", &title),
                body,
                fields,
            );
        }
        // Where Sam stands: the baseline tenure is measured from.
        let since = self.end - Duration::days(540);
        self.push(
            "profile",
            self.day(355),
            Head::new("", &format!("Profile: specialist-1 since {since}")),
            "Support Specialist I on the IC track, aiming for Specialist II and, later, the complex-escalation work a senior does.".to_string(),
            json!({
                "level": "specialist-1", "level_since": since.to_string(), "track": "ic",
                "target_level": "specialist-2", "direction": "towards complex escalations and the agent's playbook",
            }),
        );
    }
}

/// A working-hours time for a record: each kind has its usual part of the
/// day, and the exact minute comes from a hash of the title.
fn stamp(day: NaiveDate, kind: &str, salt: &str) -> String {
    let (start, span) = match kind {
        "escalation" | "qa" | "diagnosis" => (9 * 60, 150),
        "approval" => (10 * 60, 300),
        "postmortem" | "handoff" | "kb" | "feedback" => (14 * 60, 180),
        "note" | "goal" | "focus" | "rating" => (16 * 60, 75),
        _ => (9 * 60 + 30, 450),
    };
    let hash = salt.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
    });
    let minute = start + (hash % span as u64) as i64;
    format!(
        "{}T{:02}:{:02}:00Z",
        day.format("%Y-%m-%d"),
        minute / 60,
        minute % 60
    )
}
