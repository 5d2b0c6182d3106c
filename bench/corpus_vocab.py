"""Text pools for gen_corpus.py: names, slot values, support scenarios and the
sentence fragments that bodies and titles are composed from.

Everything here is plain data. Sentences are str.format templates whose
{slots} gen_corpus.py fills per entry ({cust}, {amount}, {idp}...); a slot
written with a capital first letter ({Cust}) is filled capitalised. Keep every
brace a slot: a literal brace would break str.format_map.
"""

# ---------------------------------------------------------------------------
# People: diverse first and last names; gen_corpus pairs them and slugs them.
# ---------------------------------------------------------------------------

FIRST_NAMES = [
    "Ana", "Sam", "Priya", "Tomasz", "Amara", "Kenji", "Lucia", "Mateo",
    "Fatima", "Oluwaseun", "Ingrid", "Rafael", "Mei", "Dmitri", "Aisha",
    "Jonas", "Camila", "Arjun", "Zanele", "Hugo", "Noor", "Elif", "Kwame",
    "Sofia", "Liam", "Yuki", "Beatriz", "Omar", "Hana", "Mikael", "Chiara",
    "Tariq", "Leila", "Bruno", "Siobhan", "Nikhil", "Ines", "Chen", "Marta",
    "Diego", "Freya", "Kofi", "Nadia", "Pavel", "Rosa", "Tendai", "Ayesha",
    "Lars", "Gabriela", "Hamid", "Julia", "Emeka", "Sakura", "Andrei",
    "Maya", "Santiago", "Farah", "Olivier", "Ngozi", "Henrik", "Valentina",
    "Jamal", "Anouk", "Ravi", "Greta", "Thabo", "Lina", "Mohammed", "Clara",
    "Joon", "Adaeze", "Niamh", "Carlos", "Yasmin", "Erik", "Paulina",
    "Kavya", "Malik", "Isabel", "Sione", "Astrid", "Darius", "Eun-ji",
    "Felipe", "Grace", "Wanjiru", "Luca", "Zara", "Bilal", "Tove", "Ama",
    "Rohan", "Selin", "Iker", "Dalia", "Kaito", "Renata", "Samir", "Ewa",
    "Alejandro", "Mirela", "Tunde", "Leah", "Vikram", "Jana", "Ahmad",
    "Elena", "Kai", "Bongani", "Aoife", "Nico", "Parisa", "Marcus", "Lucía",
    "Ji-woo", "Simone", "Idris", "Helga", "Noa", "Ferran", "Mariam",
]

LAST_NAMES = [
    "Lima", "Rivera", "Nair", "Kowalski", "Okafor", "Tanaka", "Bianchi",
    "Fernandez", "Haddad", "Adeyemi", "Lindqvist", "Costa", "Wang",
    "Volkov", "Rahman", "Becker", "Souza", "Sharma", "Dlamini", "Moreau",
    "Hussain", "Yilmaz", "Mensah", "Rossi", "Murphy", "Sato", "Oliveira",
    "Farouk", "Kim", "Virtanen", "Esposito", "Qureshi", "Karimi", "Almeida",
    "OBrien", "Iyer", "Pereira", "Zhang", "Nowak", "Alvarez", "Hansen",
    "Boateng", "Petrova", "Novak", "Garcia", "Moyo", "Siddiqui", "Nilsson",
    "Santos", "Tehrani", "Schmidt", "Eze", "Nakamura", "Popescu", "Cohen",
    "Ramirez", "Aziz", "Laurent", "Obi", "Johansson", "Romano", "Abdi",
    "de Vries", "Patel", "Berg", "Ndlovu", "Lopez", "Mahmoud", "Fischer",
    "Park", "Nwosu", "Kelly", "Ortega", "Demir", "Eriksen", "Wojcik",
    "Reddy", "Bakr", "Torres", "Fifita", "Dahl", "Ghorbani", "Choi",
    "Cardoso", "Thompson", "Kamau", "Greco", "Malik", "Ahmed", "Solberg",
    "Asante", "Mehta", "Aydin", "Etxeberria", "Khalil", "Ito", "Vargas",
    "Chaudhry", "Zielinska", "Castillo", "Ionescu", "Bello", "Friedman",
    "Gupta", "Horvat", "Saleh", "Papadopoulos", "Mokoena", "Byrne",
]

# ---------------------------------------------------------------------------
# Slot values
# ---------------------------------------------------------------------------

# (long form, short form) so a body can say "a regional dental chain" once and
# "the dental chain" afterwards.
CUSTOMERS = [
    ("a mid-size logistics firm", "the logistics firm"),
    ("an enterprise retailer with four hundred seats", "the retailer"),
    ("a two-person bakery", "the bakery"),
    ("a university IT department", "the university"),
    ("a nonprofit on the discounted plan", "the nonprofit"),
    ("a fintech startup in its first year", "the fintech startup"),
    ("a hospital group", "the hospital group"),
    ("a marketing agency that resells us to its clients", "the agency"),
    ("a regional dental chain", "the dental chain"),
    ("a law firm with strict audit requirements", "the law firm"),
    ("a property management company", "the property manager"),
    ("a large insurance broker", "the broker"),
    ("a family-run hotel", "the hotel"),
    ("a municipal office", "the municipality"),
    ("a games studio", "the studio"),
    ("an e-commerce brand selling in six countries", "the e-commerce brand"),
    ("a construction contractor", "the contractor"),
    ("a veterinary clinic network", "the clinic network"),
    ("a freight forwarder", "the forwarder"),
    ("a public library consortium", "the library consortium"),
    ("a recruitment agency", "the recruiter"),
    ("a solar installer", "the installer"),
    ("a language school", "the school"),
    ("a subscription box company", "the subscription box company"),
    ("a media publisher", "the publisher"),
    ("a wholesale florist", "the florist"),
    ("a cybersecurity consultancy", "the consultancy"),
    ("a chain of gyms", "the gym chain"),
    ("a biotech lab", "the lab"),
    ("an accounting practice", "the accountants"),
    ("a car rental franchise", "the franchise"),
    ("a travel agency", "the travel agency"),
    ("a charity running a big donation drive", "the charity"),
    ("a school district", "the district"),
    ("a coffee roaster with a wholesale arm", "the roaster"),
    ("an architecture studio", "the architects"),
    ("a telehealth provider", "the telehealth provider"),
    ("a ticketing platform", "the ticketing platform"),
    ("a furniture marketplace", "the marketplace"),
    ("a long-time customer on the legacy plan", "the legacy customer"),
]

CONTACTS = [
    "their finance lead", "the account admin", "an IT director",
    "the founder", "a new office manager", "the procurement contact",
    "their head of operations", "a developer on their side",
    "the billing contact", "their security officer", "a team lead",
    "the CFO", "a part-time bookkeeper", "their integration partner",
    "the practice manager", "a very patient engineer", "the owner",
    "their customer-success counterpart", "an executive assistant",
    "the data protection officer",
]

PLANS = ["Starter", "Team", "Business", "Enterprise", "Growth", "legacy Pro",
         "annual Business", "monthly Team", "Enterprise Plus", "nonprofit"]

INTEGRATIONS = ["Salesforce", "HubSpot", "Slack", "Zapier", "Shopify",
                "NetSuite", "QuickBooks", "Xero", "Jira", "Snowflake",
                "BigQuery", "Stripe", "Microsoft Teams", "Google Sheets",
                "Pipedrive", "Zendesk", "Segment", "Workday"]

IDPS = ["Okta", "Entra ID", "Google Workspace", "OneLogin", "JumpCloud",
        "Ping Identity", "Keycloak", "ADFS"]

REGIONS = ["EU", "US", "APAC", "UK", "Canada", "Brazil", "India",
           "Australia", "the Nordics", "Mexico", "South Africa", "Japan"]

DURATIONS = ["two days", "forty minutes", "a week", "three hours",
             "most of the morning", "ten days", "a fortnight", "over a month",
             "half a day", "four days", "an hour and a half", "six weeks",
             "nearly three weeks", "two hours", "a long weekend"]

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]

TEAMS = ["Engineering", "Billing Ops", "Customer Success", "Sales",
         "Product", "Finance", "Trust and Safety", "Security",
         "the platform team", "the mobile team", "the payments team",
         "Legal", "the data team", "Support Ops"]

AGENT_NAMES = ["the agent", "the AI agent", "the agent", "the bot",
               "the agent"]

OS_VERSIONS = ["iOS 16", "iOS 17", "iOS 18", "Android 12", "Android 13",
               "Android 14", "iPadOS 17", "Android 15"]

CURRENCIES = ["$", "$", "$", "€", "€", "£", "CA$", "A$", "R$"]

TIERS = ["enterprise", "business", "team", "starter", "free", "enterprise",
         "business"]

# Customer moods, most common first: gen_corpus draws them with a Zipf-like
# weight, so the tail words are rare.
MOODS = [
    "frustrated", "upset", "annoyed", "confused", "anxious", "angry",
    "impatient", "worried", "disappointed", "stressed", "irritated",
    "sceptical", "tired", "exasperated", "defensive", "furious", "panicked",
    "curt", "resigned", "sarcastic", "embarrassed", "bewildered",
    "indignant", "weary", "distrustful", "livid", "brusque", "crestfallen",
    "flustered", "incensed", "nonplussed", "despondent", "apoplectic",
    "querulous", "truculent", "disgruntled", "peeved", "aggrieved",
    "flabbergasted", "vexed",
]

# Long-tail vocabulary by domain, most common first within each list. A body
# picks a few with Zipf weights, which gives the index a realistic tail of
# rare terms. Each item reads as a noun phrase.
LONG_TAIL = {
    "payments": [
        "proration", "the dunning schedule", "idempotency keys",
        "an authorisation hold", "3-D Secure", "the settlement batch",
        "partial captures", "interchange fees", "the reconciliation report",
        "credit notes", "an SCA exemption", "the acquirer response code",
        "a reverse-charge VAT line", "net-30 terms", "pro-forma invoices",
        "ACH return codes", "a SEPA mandate", "the grace period",
        "purchase order numbers", "withholding tax", "BACS timings",
        "a voided authorisation", "iDEAL redirects", "Boleto expiry",
        "PIX settlement", "the ledger export", "currency rounding",
        "a zero-decimal currency", "the merchant category code",
        "a dunning cadence", "statement descriptors", "network tokens",
        "account updater", "surcharging rules", "a rolling reserve",
        "the payout schedule", "unapplied credit", "a debit memo",
        "revenue recognition", "deferred revenue",
    ],
    "identity": [
        "the SAML assertion", "clock skew", "the audience URI",
        "the ACS URL", "just-in-time provisioning", "the NameID format",
        "an IdP-initiated login", "the signing certificate rollover",
        "relay state", "SCIM deprovisioning", "the metadata XML",
        "the OIDC discovery document", "PKCE", "refresh token rotation",
        "a nonce mismatch", "group claims", "the entity ID",
        "session lifetime", "step-up authentication", "recovery codes",
        "a WebAuthn passkey", "TOTP drift", "conditional access",
        "a tenant-restriction header", "role mapping", "attribute mapping",
        "an orphaned identity", "the break-glass account",
        "domain-bound enforcement", "an encrypted assertion",
    ],
    "api": [
        "exponential backoff", "jitter", "an HMAC signature",
        "the replay window", "a dead-letter queue", "at-least-once delivery",
        "cursor pagination", "ETags", "rate-limit headers",
        "a token bucket", "the burst allowance", "idempotent receivers",
        "keep-alive connections", "the TLS handshake", "SNI",
        "a circuit breaker", "connection pooling", "a thundering herd",
        "a 502 from the load balancer", "the Retry-After header",
        "gzip compression", "chunked transfer encoding", "payload versioning",
        "a sunset header", "webhook fan-out", "an allowlisted IP range",
        "a stale DNS record", "mutual TLS", "request signing",
        "a half-open circuit",
    ],
    "data": [
        "a UTF-8 byte order mark", "mojibake", "semicolon delimiters",
        "decimal commas", "ISO week numbering", "a DST transition",
        "the timezone offset", "epoch milliseconds", "tombstoned records",
        "soft deletes", "eventual consistency", "read-replica lag",
        "a leap day", "CSV injection", "quoted newlines",
        "Excel auto-formatting", "snapshot isolation", "a materialised view",
        "the export queue", "a cold cache", "row-level permissions",
        "scientific notation in IDs", "leading zeros", "a fiscal calendar",
        "a 4-4-5 calendar", "collation order", "Unicode normalisation",
        "a partial backfill", "late-arriving events", "schema drift",
    ],
    "mobile": [
        "background app refresh", "the offline queue", "last-write-wins",
        "conflict resolution", "push token expiry", "a deep link",
        "universal links", "battery optimisation", "Doze mode",
        "an MDM profile", "App Store receipt validation", "a TestFlight build",
        "a stale local cache", "certificate pinning", "low-data mode",
        "a forced update", "the sync cursor", "an APNs sandbox token",
        "a silent push", "the keychain", "a jailbroken device",
        "split-screen mode", "an Android work profile", "a rooted handset",
        "the app's sandbox",
    ],
    "admin": [
        "least privilege", "role inheritance", "a custom role",
        "audit log retention", "SSO enforcement", "domain verification",
        "a TXT record", "DKIM", "SPF", "DMARC", "the suppression list",
        "a bounce rate spike", "seat reclamation", "a sandbox workspace",
        "data residency", "a legal hold", "an IP allowlist",
        "the retention policy", "a service account", "workspace merging",
        "the ownership chain", "a delegated admin", "approval chains",
        "an escrowed key", "a DPA addendum",
    ],
    "human": [
        "de-escalation", "active listening", "expectation setting",
        "labelling emotions", "mirroring", "a warm transfer",
        "a callback window", "plain-language summaries", "ownership language",
        "silence on a call", "apology fatigue", "the curse of knowledge",
        "a face-saving exit", "tactical empathy", "a goodwill gesture",
        "a recap email", "anchoring", "loss aversion", "reflective summaries",
        "a callback promise", "the peak-end rule", "a no-blame recap",
        "precommitment", "the bystander effect in shared inboxes",
    ],
}

# Sentences that carry a long-tail term; none starts with the slot.
LONG_TAIL_CARRIERS = [
    "Side note: {lt} came up again, the third time this month.",
    "I had to read up on {lt} halfway through, which slowed me down.",
    "Engineering mentioned {lt} in passing, and it turned out to matter.",
    "Adding {lt} to my glossary, because I fumbled the explanation.",
    "The part I only half understood was {lt}; worth a proper look.",
    "{Colleague} explained {lt} to me over chat in two lines, which saved the day.",
    "Nobody in the queue could explain {lt} on the {plan} plan.",
    "Our internal docs say nothing about {lt}, which is its own gap.",
    "It is the second case this quarter where {lt} confused the customer.",
    "Once I understood {lt}, the rest of the timeline made sense.",
    "I wrote a two-line explainer about {lt} into the case notes for whoever picks it up next.",
    "The customer asked about {lt} and I did not want to guess, so I checked with {team}.",
    "Worth knowing for later: the rules around {lt} differ in {region}.",
    "The logs hinted at {lt}, but that was a red herring this time.",
    "I still think we need a short article on {lt}.",
    "Reminder to self: ask {team} for a ten-minute walkthrough of {lt}.",
    "A lot of the confusion came down to {lt}, which we never explain up front.",
    "The old macro still mentions {lt} in a way that is no longer true.",
]

# Ticket references: (prefix, digits, weight). Zendesk-style most common.
CASE_FORMATS = [("ZD-", 5, 55), ("ZD-", 4, 10), ("SUP-", 4, 18),
                ("FD-", 6, 6), ("HS-", 5, 5), ("ESC-", 3, 3), ("INC-", 4, 3)]

# Generic error strings, used when a scenario has none of its own.
GENERIC_ERRORS = ["500 Internal Server Error", "504 Gateway Timeout",
                  "ERR_UNKNOWN", "request failed", "something went wrong",
                  "403 Forbidden", "a blank page"]

# ---------------------------------------------------------------------------
# Support scenarios. Each one is a situation that reaches a human specialist,
# with what it looks like, what it turns out to be, and how it gets fixed.
#   tags/products: vocabularies for the front matter (first ones most likely)
#   domain: which LONG_TAIL list fits; gates: approval gates that fit
#   issue: noun phrases for titles and generic sentences
#   titles: scenario-specific title templates
#   symptoms, fixes, quotes, clues: sentences
#   causes: clauses that finish "I think ..." / "It was ..."
#   patterns: escalation pattern tags; kbq: customer questions;
#   search: words customers searched with; areas: exploration areas
# ---------------------------------------------------------------------------

SCENARIOS = [
    {
        "key": "double-charge",
        "tags": ["billing", "double-charge", "refunds", "payments", "invoices"],
        "products": ["billing", "payments"],
        "domain": "payments", "gates": ["refund", "high-tier"], "errs": ["duplicate_charge", "card_declined then approved"],
        "issue": ["a double charge", "a duplicate card charge", "being charged twice", "two identical charges"],
        "titles": [
            "Charged twice after a card update on the {plan} plan",
            "Double charge on renewal for {cust_short}",
            "Duplicate charge of {amount} after a failed retry",
            "Two identical charges and one very unhappy finance lead",
            "Customer double charged during the {month} renewal run",
            "Second charge appeared after the payment page timed out",
        ],
        "symptoms": [
            "{Cust} saw two charges of {amount} on the same day and assumed we had billed them twice on purpose.",
            "The customer's bank statement showed a pending charge and a settled charge for the same invoice.",
            "{Contact} wrote in saying they had been double charged and wanted the second charge refunded today.",
            "After updating the card, the renewal ran once from the retry job and once from the manual 'pay now' button.",
            "The duplicate only appeared for customers whose first attempt was declined by the bank and then approved on retry.",
            "The invoice itself looked normal, with a single line, which is why {agent} kept insisting nothing was wrong.",
        ],
        "causes": [
            "the retry job and the manual payment both fired before the first charge settled",
            "the first charge was only an authorisation hold that the bank had not released yet",
            "the customer had two active subscriptions after an upgrade that did not cancel the old one",
            "a webhook timeout made the checkout page submit the payment a second time",
        ],
        "fixes": [
            "I refunded the duplicate charge, sent the refund reference, and explained when it would land on their statement.",
            "Billing Ops voided the second charge before it settled, so no refund was needed in the end.",
            "We cancelled the orphaned subscription and refunded the overlap, which came to {amount}.",
            "I showed them how the pending authorisation would drop off within a few business days and checked back on {day}.",
        ],
        "quotes": [
            "They said it felt like we were 'helping ourselves' to their money.",
            "Their words were roughly: 'if this happens again we are moving everything to a competitor'.",
            "They asked, reasonably, why a refund for our mistake needed a form.",
        ],
        "clues": [
            "Both charges carried the same invoice number but different payment ids, which pointed at a double submission rather than two invoices.",
            "The timestamps were {n} seconds apart, too close for a person clicking twice.",
            "Only customers who had updated a card in the last day were affected.",
        ],
        "patterns": ["duplicate-charge-after-retry", "refund-after-renewal", "pending-auth-confusion"],
        "kbq": ["Why was I charged twice for the same invoice?", "I see two payments on my card, will one of them be refunded?"],
        "search": ["charged twice", "double charge", "duplicate payment", "two charges", "refund duplicate"],
        "areas": ["Billing: how retries and dunning interact", "Payments: authorisation holds and settlement timing"],
    },
    {
        "key": "refund-outside-window",
        "tags": ["refunds", "billing", "policy", "renewal", "churn-risk"],
        "products": ["billing"],
        "domain": "payments", "gates": ["refund", "high-tier"], "errs": ["refund_not_allowed"],
        "issue": ["a refund request outside the window", "a late refund request", "an annual renewal refund", "a refund after auto-renewal"],
        "titles": [
            "Refund requested {n} days after the annual renewal",
            "Auto-renewal refund for {cust_short}, outside the 14-day window",
            "Customer forgot to cancel and wants the renewal refunded",
            "Refund for unused seats on the {plan} plan",
            "Partial refund question after a mid-term downgrade",
            "Renewal charged to a card they thought was cancelled",
        ],
        "symptoms": [
            "{Cust} renewed automatically on the {plan} plan and asked for a full refund {n} days later.",
            "The customer said nobody had used the account since the spring and they had forgotten the renewal date.",
            "{Contact} wanted the unused seats refunded, which our policy does not normally allow mid-term.",
            "They had requested a cancellation by email months ago, but it never reached us as a ticket.",
            "The refund request came with a threat to dispute the charge with their bank if we said no.",
        ],
        "causes": [
            "the renewal reminder went to a former employee's address, so nobody saw it",
            "their cancellation email bounced off an old alias that was retired last year",
            "the refund policy wording on the pricing page differs from the one in the terms",
            "the customer genuinely wanted to keep the account but on a smaller plan",
        ],
        "fixes": [
            "I proposed a prorated refund of {amount} and a downgrade, which they accepted within the hour.",
            "We refunded the renewal in full as a one-off and noted it on the account so it does not become a precedent.",
            "I offered credit instead of a refund, explained why, and they agreed once the numbers were laid out.",
            "The refund was approved after I showed the bounced cancellation email to Billing Ops.",
        ],
        "quotes": [
            "They said, 'I am not asking for a favour, I am asking you to be fair'.",
            "They kept repeating that the renewal reminder 'never arrived'.",
            "They told me they would happily stay if someone would just admit the reminder went astray.",
        ],
        "clues": [
            "The account showed no logins for {n} weeks before the renewal, which made the 'we forgot' story very believable.",
            "The billing contact on file was someone who had left the company.",
            "The refund window in the terms is 14 days, but the help article still says 30.",
        ],
        "patterns": ["refund-after-renewal", "refund-policy-ambiguity", "cancellation-lost"],
        "kbq": ["Can I get a refund after my subscription renewed?", "I forgot to cancel, can you refund the renewal?"],
        "search": ["refund renewal", "cancel refund", "money back", "refund policy", "refunding annual plan"],
        "areas": ["Billing: the refund policy across plans and regions", "Billing: renewal reminders and who receives them"],
    },
    {
        "key": "proration-downgrade",
        "tags": ["billing", "proration", "plans", "invoices", "downgrade"],
        "products": ["billing", "admin-console"],
        "domain": "payments", "gates": ["refund", "account-change"], "errs": ["negative_invoice_total"],
        "issue": ["a confusing proration", "a downgrade invoice", "a negative invoice total", "proration on a downgrade"],
        "titles": [
            "Proration after a mid-cycle downgrade made no sense to the customer",
            "Negative invoice total after switching from {plan}",
            "Downgrade credit did not show on the next invoice",
            "Seat reduction prorated twice",
            "Customer reads the proration line as a hidden fee",
        ],
        "symptoms": [
            "{Cust} downgraded mid-cycle and received an invoice with a credit line, a charge line and a total nobody could explain.",
            "The next invoice was higher than before the downgrade, which felt like a trick to the customer.",
            "They reduced seats from {n} to fewer and expected the difference back as a refund rather than credit.",
            "The invoice preview in the admin console showed one amount and the final invoice another.",
        ],
        "causes": [
            "the downgrade credit was applied to the next invoice instead of refunded, as the plan terms say",
            "the seat change and the plan change were processed as two separate prorations",
            "the preview used the current day's rate while the invoice used the start of the billing period",
            "an annual add-on was still attached and billed at full price",
        ],
        "fixes": [
            "I walked them through each invoice line in plain language and attached a one-page breakdown.",
            "Billing Ops merged the two prorations into one and reissued the invoice.",
            "We converted the credit into a refund of {amount} because the customer was leaving the higher plan for good.",
            "I removed the stray add-on and the next invoice came out as they expected.",
        ],
        "quotes": [
            "They said the invoice 'reads like a ransom note'.",
            "They asked why downgrading cost them more than staying put.",
        ],
        "clues": [
            "The two proration lines had different effective dates, which is only possible if two changes were made.",
            "The preview was generated {n} days before the actual change.",
        ],
        "patterns": ["proration-confusion", "downgrade-credit-vs-refund"],
        "kbq": ["Why is my invoice higher after I downgraded?", "How does proration work when I remove seats?"],
        "search": ["proration", "downgrade invoice", "credit balance", "prorated charge", "remove seats refund"],
        "areas": ["Billing: proration rules for seats and plans", "Admin console: the invoice preview"],
    },
    {
        "key": "invoice-vat",
        "tags": ["invoices", "billing", "tax", "vat", "compliance"],
        "products": ["billing", "reporting"],
        "domain": "payments", "gates": ["account-change"], "errs": ["tax_id_invalid"],
        "issue": ["a VAT mismatch", "missing tax details on invoices", "an invoice the auditors rejected", "wrong tax on the invoice"],
        "titles": [
            "VAT charged to a business with a valid tax ID in {region}",
            "Invoices missing the legal entity name for {cust_short}",
            "Auditors rejected our invoice format",
            "Reissuing a year of invoices with the right address",
            "Tax ID validated but VAT still applied",
        ],
        "symptoms": [
            "{Contact} noticed VAT on every invoice although they had entered a valid tax ID months ago.",
            "Their auditors rejected our invoices because the legal entity name and address were missing.",
            "The customer needed invoices reissued for a whole fiscal year with a new billing address.",
            "Tax was calculated on the shipping country instead of the billing country.",
        ],
        "causes": [
            "the tax ID was added after the subscription started, and existing subscriptions do not pick it up",
            "the tax ID failed validation silently because of a space in the middle of it",
            "the invoice template only prints the legal name when the company field is filled, and it was empty",
            "the account had two billing profiles and invoices were drawn from the old one",
        ],
        "fixes": [
            "Billing Ops reissued the invoices as credit notes plus corrected invoices, and I explained why there were twice as many documents.",
            "I corrected the tax ID format, re-validated it, and the next invoice came out without VAT.",
            "We refunded the VAT charged in error, {amount} in total, and sent a summary for their accountant.",
        ],
        "quotes": [
            "They said their accountant would not sign off the quarter until this was fixed.",
            "They asked if we had ever heard of reverse charge, which stung a little.",
        ],
        "clues": [
            "The invoices before {month} were fine, so something changed on the account around then.",
            "The tax ID field showed a warning icon that only appears on hover.",
        ],
        "patterns": ["vat-on-valid-tax-id", "invoice-reissue-request"],
        "kbq": ["Why am I being charged VAT when I entered my tax ID?", "How do I get invoices with my company's legal name?"],
        "search": ["VAT", "tax ID", "reverse charge", "invoice address", "reissue invoice"],
        "areas": ["Billing: tax calculation by region", "Reporting: invoice exports for accountants"],
    },
    {
        "key": "card-declined-3ds",
        "tags": ["payments", "card-declined", "3ds", "billing", "checkout"],
        "products": ["payments", "billing"],
        "domain": "payments", "gates": ["account-change"], "errs": ["card_declined", "authentication_required", "do_not_honor"],
        "issue": ["repeated card declines", "a 3-D Secure loop", "a failed payment at checkout", "declined renewals"],
        "titles": [
            "Card declined at checkout although the bank says it is fine",
            "3-D Secure challenge loops on the payment page",
            "Renewal failed for {cust_short} and the account went read-only",
            "Corporate card declined with '{err}'",
            "Payment fails only in {region}",
        ],
        "symptoms": [
            "{Cust} tried three different cards and each one failed with '{err}'.",
            "The bank's challenge window opened, closed and opened again without ever confirming the payment.",
            "The renewal failed silently and the account was downgraded to read-only in the middle of their busiest week.",
            "Their bank insisted no payment attempt had reached them at all.",
        ],
        "causes": [
            "the bank required strong customer authentication and our saved-card renewal did not trigger it",
            "a browser extension was blocking the challenge window",
            "the card was a corporate card restricted to certain merchant categories",
            "the payment was routed to an acquirer in another region and flagged as foreign",
        ],
        "fixes": [
            "I sent a secure payment link that triggered the challenge, and the payment went through on the first try.",
            "We restored full access for {dur} while they sorted it out with the bank.",
            "I asked them to try a private window, which skipped the extension and worked.",
        ],
        "quotes": [
            "They told me, 'your payment page is broken, fix it'.",
            "They said they had already spent an hour on the phone with their bank.",
        ],
        "clues": [
            "The decline code was '{err}', which is a bank-side refusal rather than an error on our side.",
            "All failed attempts came from the same browser version.",
        ],
        "patterns": ["sca-renewal-failure", "decline-read-only-lockout"],
        "kbq": ["Why does my card keep getting declined?", "The bank verification window keeps reloading, what do I do?"],
        "search": ["card declined", "payment failed", "3D secure", "bank verification", "cannot pay"],
        "areas": ["Payments: decline codes and what they mean", "Payments: how strong customer authentication works on renewals"],
    },
    {
        "key": "chargeback",
        "tags": ["payments", "chargeback", "disputes", "billing", "fraud"],
        "products": ["payments", "billing"],
        "domain": "payments", "gates": ["refund", "high-tier", "sensitive-message"], "errs": ["dispute_opened"],
        "issue": ["a chargeback", "a payment dispute", "a disputed renewal", "a fraud claim on a card"],
        "titles": [
            "Chargeback on a renewal the customer used all year",
            "Dispute opened while a refund was already on its way",
            "Customer filed a chargeback instead of asking for a refund",
            "Fraud dispute on {n} small charges",
            "Responding to a dispute for {cust_short}",
        ],
        "symptoms": [
            "A dispute for {amount} arrived for a renewal that {cust} had actively used for months.",
            "The customer opened a chargeback the same day we issued their refund, so they risked being paid twice.",
            "Several small charges on one card were disputed as fraud, all from the same account.",
            "The bank gave us {n} days to respond with evidence.",
        ],
        "causes": [
            "the customer did not recognise our statement descriptor and assumed it was fraud",
            "a former employee's card was still on file and they disputed charges they no longer approved",
            "the refund and the dispute crossed in the post, and the bank processed both",
            "the customer hoped a dispute would be faster than our refund process",
        ],
        "fixes": [
            "I gathered usage logs and the signed order form and sent them to Billing Ops for the dispute response.",
            "We accepted the dispute rather than contest it, and cancelled the refund so they were not paid twice.",
            "I explained our statement descriptor and they withdrew the dispute with their bank.",
        ],
        "quotes": [
            "They said they had 'no idea who you people are', which was fair given the descriptor.",
            "They said the bank told them disputes were 'the quickest way'.",
        ],
        "clues": [
            "The statement descriptor was an abbreviation nobody outside the company would recognise.",
            "The disputed card belonged to someone no longer listed on the account.",
        ],
        "patterns": ["dispute-instead-of-refund", "unrecognised-descriptor"],
        "kbq": ["I see a charge I don't recognise, what is it?", "What happens if I dispute a charge with my bank?"],
        "search": ["chargeback", "dispute", "unknown charge", "fraud charge", "statement descriptor"],
        "areas": ["Payments: the dispute timeline and evidence", "Billing: statement descriptors"],
    },
    {
        "key": "sso-misconfig",
        "tags": ["sso", "saml", "login", "permissions", "security"],
        "products": ["admin-console", "integrations"],
        "domain": "identity", "gates": ["account-change", "high-tier"], "errs": ["SAML_AUDIENCE_MISMATCH", "invalid_signature", "NameID missing", "redirect loop"],
        "issue": ["an SSO misconfiguration", "a SAML login loop", "SSO lockout for a whole team", "a broken single sign-on setup"],
        "titles": [
            "SSO login loop after {idp} certificate rollover",
            "Whole team locked out after SSO enforcement on {cust_short}",
            "SAML error '{err}' for new users only",
            "{idp} SSO works for admins but not for members",
            "SSO set up in the wrong workspace",
            "Login loop between {idp} and our sign-in page",
        ],
        "symptoms": [
            "After {contact} enforced SSO, nobody except the admins could log in, and the admins could not turn it off again.",
            "Users bounced between {idp} and our sign-in page until the browser gave up.",
            "New hires saw '{err}' while existing users logged in normally.",
            "The SSO test in the admin console passed, but real logins failed.",
            "It started the morning after their identity team rotated the signing certificate.",
        ],
        "causes": [
            "the signing certificate in our settings was the old one from before the rollover",
            "the audience URI in {idp} pointed at the staging workspace instead of production",
            "new users were not assigned to the application in {idp}, so no assertion was ever sent",
            "the email attribute was mapped to a field that is empty for new accounts",
            "enforcement was switched on before the domain was verified",
        ],
        "fixes": [
            "I had them upload the new certificate from the {idp} metadata and logins worked within minutes.",
            "We temporarily disabled enforcement from our side so they could fix the mapping without a lockout.",
            "I sent a short checklist: assign the app, map the email attribute, verify the domain, then enforce.",
            "Together we traced one login with the browser's network tab and found the wrong audience value.",
        ],
        "quotes": [
            "Their IT director said they had {n} people unable to work and wanted a phone number, not a ticket.",
            "They said, 'we followed your guide to the letter', and it turned out the guide was out of date.",
        ],
        "clues": [
            "The failures started on the same day as their certificate rotation.",
            "Only accounts created after {month} failed, which pointed at provisioning rather than the connection itself.",
            "The SAML trace showed a response, so {idp} was sending something; the question was what.",
        ],
        "patterns": ["sso-cert-rollover", "sso-enforcement-lockout", "sso-attribute-mapping"],
        "kbq": ["Why do I get stuck in a login loop with SSO?", "We turned on SSO and now nobody can log in, what do we do?"],
        "search": ["SSO", "SAML error", "login loop", "single sign-on", "locked out SSO", "certificate"],
        "areas": ["Admin console: SSO enforcement and recovery", "Integrations: SAML with {idp}"],
    },
    {
        "key": "scim-provisioning",
        "tags": ["sso", "scim", "provisioning", "permissions", "seats"],
        "products": ["admin-console", "integrations"],
        "domain": "identity", "gates": ["account-change"], "errs": ["409 Conflict", "user already exists"],
        "issue": ["SCIM provisioning failures", "users not deprovisioned", "duplicate accounts from provisioning", "a seat count jump"],
        "titles": [
            "SCIM sync created duplicate users for {cust_short}",
            "Leavers still active after deprovisioning in {idp}",
            "Seat count jumped by {n} overnight",
            "Provisioning fails with '{err}' for one department",
            "Group push from {idp} ignored",
        ],
        "symptoms": [
            "{Cust} found {n} duplicate accounts, one with their SSO email and one with an older alias.",
            "People who left the company months ago were still active and still counted as paid seats.",
            "The seat count jumped overnight and the invoice followed.",
            "Provisioning worked for every department except one.",
        ],
        "causes": [
            "users had been invited manually before SCIM was set up, so provisioning created second accounts",
            "deprovisioning in {idp} only suspends users, and our side treats suspended as active",
            "a group push included a nested group with contractors in it",
            "one department's emails used a subdomain that was not verified",
        ],
        "fixes": [
            "We merged the duplicate accounts and I refunded the extra seats, {amount} in total.",
            "I explained the difference between suspend and deactivate and they changed the {idp} setting.",
            "They verified the subdomain and provisioning caught up within the hour.",
        ],
        "quotes": [
            "They said they were paying for ghosts.",
            "They asked why a sync tool would ever create people who already exist.",
        ],
        "clues": [
            "The duplicates all had an older email alias, which is the manual-invite signature.",
            "The affected users shared a subdomain.",
        ],
        "patterns": ["scim-duplicates", "deprovisioning-gap"],
        "kbq": ["Why do we have duplicate users after setting up provisioning?", "Why are people who left still using seats?"],
        "search": ["SCIM", "provisioning", "duplicate users", "deprovision", "seats"],
        "areas": ["Admin console: SCIM provisioning end to end", "Integrations: group push from {idp}"],
    },
    {
        "key": "2fa-lockout",
        "tags": ["account-access", "2fa", "security", "login", "permissions"],
        "products": ["admin-console", "mobile"],
        "domain": "identity", "gates": ["account-change", "sensitive-message"], "errs": ["invalid code", "too many attempts"],
        "issue": ["a two-factor lockout", "a lost authenticator phone", "an account recovery request", "a locked-out owner"],
        "titles": [
            "Account owner locked out after losing their phone",
            "Two-factor codes rejected after a phone change",
            "Recovery request for the only admin on {cust_short}",
            "'{err}' on every two-factor attempt",
            "Verifying identity for a 2FA reset",
        ],
        "symptoms": [
            "The only admin on the account lost the phone with the authenticator app and had no recovery codes.",
            "Every code was rejected with '{err}' after the customer moved to a new phone.",
            "{Contact} asked us to remove two-factor authentication for the owner over chat, with no way to prove who they were.",
            "The customer was travelling and the codes stopped working in a new time zone.",
        ],
        "causes": [
            "the phone's clock was set manually and had drifted, so the codes were out of step",
            "the authenticator app was restored from a backup without the secrets",
            "the person asking was not the account owner, and the real owner was on leave",
            "the account had a second admin who could have reset it all along",
        ],
        "fixes": [
            "We ran the identity verification process and reset two-factor for the owner after a video call.",
            "I asked them to turn on automatic time on the phone, and the codes worked straight away.",
            "I pointed them to the second admin, who reset the owner's two-factor in the admin console.",
        ],
        "quotes": [
            "They said, 'I am the owner, just turn it off', and I had to say no kindly.",
            "They were stuck at an airport and could not reach their finance reports.",
        ],
        "clues": [
            "The codes were always rejected by exactly one step, which is what clock drift looks like.",
            "The request came from an email domain that did not match the account.",
        ],
        "patterns": ["2fa-lockout-no-recovery", "identity-verification-needed"],
        "kbq": ["I lost my phone and can't log in, how do I recover my account?", "Why are my two-factor codes not working?"],
        "search": ["2FA", "two-factor", "lost phone", "recovery codes", "authenticator"],
        "areas": ["Admin console: account recovery and identity verification", "Mobile: authenticator behaviour across time zones"],
    },
    {
        "key": "webhook-retry-storm",
        "tags": ["webhooks", "api", "retries", "integrations", "outage"],
        "products": ["api", "integrations"],
        "domain": "api", "gates": ["high-tier"], "errs": ["503 Service Unavailable", "connection reset", "timeout after 10s"],
        "issue": ["a webhook retry storm", "webhook retries after a migration", "duplicate webhook deliveries", "webhooks piling up"],
        "titles": [
            "Webhook retry storm after {cust_short} migrated their endpoint",
            "Webhook retries after migration flooded the customer's server",
            "Duplicate webhook deliveries during the {day} incident",
            "Endpoint disabled after {n} failed deliveries",
            "Webhooks delayed by {dur} and then all at once",
            "Retries hammering a customer endpoint that returns '{err}'",
        ],
        "symptoms": [
            "After {cust} moved their webhook endpoint to a new host, their server received thousands of retried deliveries at once.",
            "Every event arrived two or three times and their system created duplicate orders.",
            "Deliveries were delayed for {dur} and then arrived in one burst that knocked their endpoint over.",
            "Our side marked the endpoint as failing and disabled it after {n} failed attempts, which nobody on their side noticed.",
            "Their logs showed '{err}' on roughly {pct} of deliveries.",
        ],
        "causes": [
            "the new endpoint took longer than ten seconds to answer, so every delivery timed out and was retried",
            "the endpoint returned an error code after processing the event, which told us to retry it",
            "a backlog built up while the endpoint was disabled and was replayed all at once when it came back",
            "their load balancer closed idle connections and dropped deliveries mid-flight",
            "the retries had no jitter, so they lined up into waves",
        ],
        "fixes": [
            "I explained that the endpoint should acknowledge first and process later, and shared the retry schedule.",
            "Engineering paused the replay and released the backlog in batches once their endpoint was ready.",
            "We re-enabled the endpoint and they added a check on the event id so duplicates became harmless.",
            "I sent the list of failed deliveries so they could reconcile without replaying everything.",
        ],
        "quotes": [
            "Their developer said our webhooks were 'a denial-of-service attack with extra steps'.",
            "They wanted to know why we kept retrying something that was clearly broken.",
        ],
        "clues": [
            "The response times in the delivery log went from under a second to just over ten after the migration.",
            "Duplicates only happened for events their endpoint answered with a 500.",
            "The burst started exactly when the endpoint was re-enabled.",
        ],
        "patterns": ["webhook-timeout-retries", "webhook-backlog-burst", "webhook-endpoint-disabled"],
        "kbq": ["Why are we receiving the same webhook several times?", "Our endpoint was down, will we get the missed webhooks?"],
        "search": ["webhook retries", "duplicate webhooks", "webhook timeout", "endpoint disabled", "missed events"],
        "areas": ["API: webhook delivery, retries and the replay tool", "Integrations: idempotent event handling"],
    },
    {
        "key": "webhook-signature",
        "tags": ["webhooks", "security", "api", "signatures"],
        "products": ["api", "integrations"],
        "domain": "api", "gates": [], "errs": ["signature mismatch", "invalid signature header", "timestamp outside tolerance"],
        "issue": ["webhook signature failures", "rejected webhook signatures", "a signing secret mix-up"],
        "titles": [
            "Webhook signature check fails for every event",
            "'{err}' after rotating the signing secret",
            "Signature verification works locally but not in production",
            "Webhooks rejected after their framework upgrade",
        ],
        "symptoms": [
            "{Cust} rejected every webhook with '{err}' and assumed we had changed the signing method.",
            "Verification passed in their test environment and failed in production.",
            "The failures began right after they upgraded their web framework.",
        ],
        "causes": [
            "their framework parsed and re-serialised the body before the signature check, so the bytes no longer matched",
            "production used the signing secret of the test endpoint",
            "their server clock was several minutes off, so the timestamp check failed",
        ],
        "fixes": [
            "I pointed them at verifying the raw body and it worked on the next delivery.",
            "They copied the right secret from the endpoint settings and replayed the failed events.",
            "Fixing the server time fixed the verification.",
        ],
        "quotes": ["They were sure we had rotated the secret without telling them."],
        "clues": [
            "Every single event failed, which rules out anything intermittent on our side.",
            "The failures began on the day of their framework upgrade.",
        ],
        "patterns": ["webhook-signature-raw-body", "signing-secret-mixup"],
        "kbq": ["Why does webhook signature verification fail?", "How do I verify webhook signatures?"],
        "search": ["webhook signature", "signing secret", "verify webhook", "invalid signature"],
        "areas": ["API: webhook signing and verification"],
    },
    {
        "key": "api-rate-limits",
        "tags": ["api-limits", "api", "rate-limits", "timeouts", "integrations"],
        "products": ["api", "integrations"],
        "domain": "api", "gates": ["high-tier"], "errs": ["429 Too Many Requests", "rate limit exceeded", "504 Gateway Timeout"],
        "issue": ["API rate limiting", "429 errors during a sync", "API timeouts under load", "a rate-limit increase request"],
        "titles": [
            "429s during the nightly sync for {cust_short}",
            "Rate limit increase request from a partner integration",
            "API timeout on large list requests",
            "'{err}' since the {integ} connector update",
            "Bulk import script throttled after {n} requests",
        ],
        "symptoms": [
            "{Cust}'s nightly sync started failing with '{err}' after they added more records.",
            "Their integration partner asked for the rate limit to be raised tenfold, starting today.",
            "Large list requests timed out after thirty seconds with no partial results.",
            "The {integ} connector retried immediately on every 429, which made everything worse.",
        ],
        "causes": [
            "the sync fetched every record one by one instead of using the list endpoint",
            "they ignored the Retry-After header and retried in a tight loop",
            "list requests without a date filter scanned their whole history",
            "two copies of the same integration were running with the same key",
        ],
        "fixes": [
            "I showed them the list endpoint with pagination, which cut their request count by roughly {pct}.",
            "We raised the limit temporarily for {dur} while they fixed the retry logic.",
            "Adding a date filter brought the slow requests down from timeouts to a few seconds.",
            "They revoked the duplicate key and the 429s stopped.",
        ],
        "quotes": [
            "Their developer said, 'we are paying for Enterprise, why are we throttled at all?'",
            "They wanted a number, not an explanation of fair use.",
        ],
        "clues": [
            "The request log showed {n} calls per second from two different IP ranges with the same key.",
            "The timeouts only happened on requests with no filter.",
        ],
        "patterns": ["rate-limit-increase-request", "retry-without-backoff", "unfiltered-list-timeout"],
        "kbq": ["What are the API rate limits?", "Why do I get 429 errors from the API?"],
        "search": ["rate limit", "429", "API timeout", "throttled", "too many requests"],
        "areas": ["API: rate limits, pagination and bulk endpoints", "Integrations: how the {integ} connector syncs"],
    },
    {
        "key": "api-deprecation",
        "tags": ["api", "deprecation", "migration", "integrations"],
        "products": ["api", "integrations"],
        "domain": "api", "gates": ["high-tier"], "errs": ["410 Gone", "unsupported API version"],
        "issue": ["an API version sunset", "a broken integration after deprecation", "a migration to the new API"],
        "titles": [
            "Integration broke when the old API version was switched off",
            "Customer missed every deprecation notice",
            "'{err}' for a homegrown script nobody maintains",
            "Migration help for {cust_short} before the v1 sunset",
        ],
        "symptoms": [
            "{Cust}'s homegrown script stopped working overnight with '{err}'.",
            "They said nobody had told them, although we sent notices for months.",
            "The developer who wrote their integration left a year ago.",
        ],
        "causes": [
            "the deprecation notices went to a developer contact that no longer exists",
            "their script pinned the old version in a header that nobody knew was there",
            "a third-party plugin they used had not been updated",
        ],
        "fixes": [
            "We granted a short extension for their key while I sent a migration map of old and new endpoints.",
            "I found the pinned header for them and a one-line change fixed it.",
            "I connected them with the plugin vendor, who shipped an update within the week.",
        ],
        "quotes": ["They said we broke their business on purpose."],
        "clues": ["Their requests carried an explicit old version header."],
        "patterns": ["deprecation-missed", "sunset-extension-request"],
        "kbq": ["My integration stopped working after the API change, what do I do?"],
        "search": ["API version", "deprecated", "sunset", "migration guide", "410"],
        "areas": ["API: version lifecycle and the migration guide"],
    },
    {
        "key": "data-export-timeout",
        "tags": ["data-export", "reporting", "timeouts", "performance"],
        "products": ["reporting", "admin-console"],
        "domain": "data", "gates": ["sensitive-message"], "errs": ["ERR_EXPORT_TIMEOUT", "504 Gateway Timeout", "export failed"],
        "issue": ["a data export timeout", "a stuck export", "an export that never arrives", "a large export failing"],
        "titles": [
            "Data export times out for {cust_short}",
            "Full account export stuck at {pct} for {dur}",
            "Export email never arrived",
            "'{err}' on exports over a year of history",
            "Audit needed an export we could not produce",
        ],
        "symptoms": [
            "{Cust} needed a full export for an audit and every attempt failed with '{err}'.",
            "The export progress bar sat at {pct} for {dur}.",
            "The export was marked complete but the download email never arrived.",
            "Small exports worked, but anything over a year of history timed out.",
        ],
        "causes": [
            "the export ran synchronously in the browser for accounts below a size threshold they had just crossed",
            "the download link was sent to a shared inbox that filtered it as spam",
            "one attachment-heavy record made the export job run out of memory",
            "the export queue was backed up behind a bulk job from another customer",
        ],
        "fixes": [
            "Engineering ran the export in the background for them and I sent the file through a secure link.",
            "I split the export by year, which worked within the time limit.",
            "They allowlisted our sender and the links arrived.",
        ],
        "quotes": [
            "They said the auditors were in the building and they needed the data by the end of the day.",
            "They said, 'it is our data, why is it so hard to get it out?'",
        ],
        "clues": [
            "The failures started when the account passed a certain size.",
            "The job log showed the export completing, so delivery was the problem.",
        ],
        "patterns": ["export-timeout-large-account", "export-link-not-received"],
        "kbq": ["Why does my data export keep timing out?", "I requested an export but never got the email."],
        "search": ["export", "data export", "export timeout", "download data", "CSV export"],
        "areas": ["Reporting: exports, limits and background jobs"],
    },
    {
        "key": "csv-encoding",
        "tags": ["data-export", "csv", "encoding", "reporting", "data-import"],
        "products": ["reporting", "integrations"],
        "domain": "data", "gates": [], "errs": ["garbled characters", "invalid byte sequence"],
        "issue": ["garbled characters in a CSV export", "a CSV encoding problem", "broken accents in exports", "an import rejecting a CSV"],
        "titles": [
            "Garbled names in the CSV export for {cust_short}",
            "Accented characters broken in Excel",
            "CSV import rejects a file that looks fine",
            "Export columns shifted by a stray delimiter",
            "Leading zeros stripped from account numbers in the export",
        ],
        "symptoms": [
            "Names with accents turned into strings of nonsense characters when {cust} opened the export in a spreadsheet.",
            "Their import file was rejected with '{err}' although it opened fine on their machine.",
            "Every column after the address was shifted one place to the right.",
            "Product codes lost their leading zeros and turned into plain numbers.",
        ],
        "causes": [
            "the spreadsheet opened the UTF-8 file as a legacy Windows encoding, producing classic mojibake",
            "their file was saved in a regional encoding that our importer does not accept",
            "addresses contained commas that were not quoted",
            "the spreadsheet auto-formatted the codes as numbers on open",
        ],
        "fixes": [
            "I showed them how to import the file with UTF-8 selected instead of double-clicking it.",
            "Saving the file as UTF-8 CSV fixed the import.",
            "I suggested the spreadsheet's text import with the code column set to text.",
        ],
        "quotes": ["They said the export looked like 'a cat walked across the keyboard'."],
        "clues": [
            "The broken characters came in pairs, which is what UTF-8 read as a single-byte encoding looks like.",
            "The file opened correctly in a plain text editor.",
        ],
        "patterns": ["csv-encoding-excel", "csv-import-rejected"],
        "kbq": ["Why are special characters broken in my export?", "Why does my CSV import fail?"],
        "search": ["CSV", "encoding", "special characters", "Excel", "import failed"],
        "areas": ["Reporting: CSV formats and encodings", "Integrations: the import wizard"],
    },
    {
        "key": "report-timezone",
        "tags": ["reporting", "timezones", "dashboards", "data-accuracy"],
        "products": ["reporting"],
        "domain": "data", "gates": [], "errs": ["totals do not match"],
        "issue": ["report totals that do not match", "a timezone mismatch in reports", "a dashboard disagreeing with exports"],
        "titles": [
            "Dashboard totals differ from the export by a few percent",
            "Daily report cuts off at the wrong midnight",
            "Monthly numbers changed after the clocks moved",
            "Scheduled report not sent since {month}",
            "Finance and ops see different revenue for the same week",
        ],
        "symptoms": [
            "{Cust}'s dashboard showed a different monthly total from the export by about {pct}.",
            "Orders placed late in the evening appeared on the next day in the report.",
            "The weekly numbers shifted after the daylight saving change.",
            "A scheduled report stopped arriving and nobody noticed for weeks.",
        ],
        "causes": [
            "the dashboard used the workspace time zone and the export used UTC",
            "the report's owner left the company and scheduled reports stop with their account",
            "the week definition in the dashboard started on Sunday while the finance sheet started on Monday",
        ],
        "fixes": [
            "I showed them where to set the report time zone and both numbers matched.",
            "We transferred the scheduled reports to a current admin.",
            "I wrote up which definition each view uses so their finance team could reconcile once and for all.",
        ],
        "quotes": ["They said, 'I cannot take two different numbers to the board'."],
        "clues": ["The difference was exactly the orders placed between midnight UTC and local midnight."],
        "patterns": ["timezone-report-mismatch", "scheduled-report-owner-left"],
        "kbq": ["Why do my dashboard and export show different totals?", "Why did my scheduled report stop?"],
        "search": ["report totals", "time zone", "scheduled report", "dashboard wrong", "numbers don't match"],
        "areas": ["Reporting: time zones, week definitions and scheduled reports"],
    },
    {
        "key": "mobile-sync-conflict",
        "tags": ["mobile-sync", "mobile", "offline", "data-loss"],
        "products": ["mobile"],
        "domain": "mobile", "gates": ["sensitive-message"], "errs": ["sync failed", "conflict detected"],
        "issue": ["a mobile sync conflict", "lost offline edits", "the app not syncing", "duplicate records from the app"],
        "titles": [
            "Offline edits lost after the app came back online",
            "Mobile app stuck on 'syncing' for {dur}",
            "Field team sees stale data on {os}",
            "Duplicate records created by the mobile app",
            "Sync conflict overwrote a whole day of notes",
        ],
        "symptoms": [
            "A field technician at {cust} worked offline all day and lost their notes when the app synced.",
            "The app showed '{err}' and a spinner that never stopped.",
            "Changes made on the web did not appear on phones running {os}.",
            "Every sync after a poor connection created a duplicate record.",
        ],
        "causes": [
            "the web edit was newer, and the app resolves conflicts by keeping the last write",
            "battery optimisation on {os} stopped the background sync",
            "the app was on version {ver}, which had a known sync bug",
            "a retry after a dropped connection created the record twice",
        ],
        "fixes": [
            "Engineering recovered the lost notes from the device log and I sent them back as a file.",
            "I asked them to exempt the app from battery optimisation and sync resumed.",
            "Updating the app fixed it, and I asked their admin to push the update to every device.",
        ],
        "quotes": ["The technician said they would go back to paper if this happened again."],
        "clues": ["Only devices on {os} were affected.", "The lost edits were all older than a web edit to the same record."],
        "patterns": ["mobile-offline-conflict", "mobile-sync-battery"],
        "kbq": ["Why didn't my offline changes sync?", "The app is stuck syncing, what should I do?"],
        "search": ["sync", "offline", "mobile app", "lost changes", "not syncing"],
        "areas": ["Mobile: offline mode and conflict handling", "Mobile: background sync on {os}"],
    },
    {
        "key": "push-notifications",
        "tags": ["mobile", "notifications", "push"],
        "products": ["mobile"],
        "domain": "mobile", "gates": [], "errs": ["no notifications"],
        "issue": ["missing push notifications", "notifications arriving late", "duplicate push notifications"],
        "titles": [
            "Push notifications stopped on {os} after the update",
            "Notifications arrive hours late",
            "Team gets every notification twice",
        ],
        "symptoms": [
            "Nobody at {cust} received push notifications after they updated to {os}.",
            "Notifications arrived hours after the event.",
            "Every notification arrived twice on phones that also had the tablet app.",
        ],
        "causes": [
            "the push token expired and the app did not register a new one",
            "the phone's focus mode silenced the app",
            "the account was signed in on two devices with the same token",
        ],
        "fixes": [
            "Signing out and back in registered a fresh token and notifications returned.",
            "I showed them the focus mode setting.",
        ],
        "quotes": ["They missed an urgent job because the notification never came."],
        "clues": ["It started on the day of the OS update."],
        "patterns": ["push-token-expired"],
        "kbq": ["Why am I not getting notifications on my phone?"],
        "search": ["notifications", "push", "no alerts", "notification delay"],
        "areas": ["Mobile: notifications and device settings"],
    },
    {
        "key": "onboarding-import",
        "tags": ["onboarding", "data-import", "setup", "migration"],
        "products": ["admin-console", "integrations"],
        "domain": "data", "gates": ["high-tier"], "errs": ["row 1 invalid header", "import failed at row 2"],
        "issue": ["a stalled onboarding", "a failed data import during onboarding", "a migration from a competitor", "a slow go-live"],
        "titles": [
            "Onboarding stalled at the data import for {cust_short}",
            "Migration from a competitor fails at row {n}",
            "Go-live next week and the import still fails",
            "New admin overwhelmed by setup",
            "Trial customer stuck on the first step",
        ],
        "symptoms": [
            "{Cust} planned to go live on {day} and their import kept failing with '{err}'.",
            "The migration file from their old tool had columns we do not recognise.",
            "Their new admin opened {n} tickets in two days, each about a different setup step.",
            "The trial was about to expire and they had not imported a single record.",
        ],
        "causes": [
            "the export from their old tool used custom field names that our importer cannot map",
            "the file had a title row above the header row",
            "nobody had told the new admin that onboarding sessions exist",
            "the sample file in our help centre was out of date",
        ],
        "fixes": [
            "I mapped the columns with them on a call and the import ran cleanly.",
            "I removed the title row, re-ran the import and sent them a checklist for the rest.",
            "I booked them into an onboarding session and extended the trial by {dur}.",
        ],
        "quotes": ["They said they were starting to regret choosing us.", "They asked if there was a human who could just do it for them."],
        "clues": ["Every failure pointed at the first row."],
        "patterns": ["onboarding-import-failure", "trial-stalled"],
        "kbq": ["How do I import my data from another tool?", "Why does my import fail at the first row?"],
        "search": ["import", "onboarding", "migrate", "setup", "getting started"],
        "areas": ["Admin console: the onboarding checklist", "Integrations: importers for competitor exports"],
    },
    {
        "key": "permissions-roles",
        "tags": ["permissions", "roles", "admin", "security"],
        "products": ["admin-console"],
        "domain": "admin", "gates": ["account-change"], "errs": ["403 Forbidden", "you do not have access"],
        "issue": ["a permissions mix-up", "a custom role that grants too much", "a user who cannot see their team's data"],
        "titles": [
            "Manager cannot see their team's reports",
            "Custom role grants billing access by accident",
            "'{err}' for a user who should be an admin",
            "Contractor saw data they should not have",
            "Permissions changed after the role update",
        ],
        "symptoms": [
            "A manager at {cust} got '{err}' on their own team's reports.",
            "A custom role meant for support staff also let them change billing details.",
            "A contractor could see every customer record in the workspace.",
            "After our role update, {n} users lost access they had the day before.",
        ],
        "causes": [
            "the manager's role was inherited from a group that does not include reporting",
            "the custom role was copied from the admin role and never trimmed",
            "the contractor was added to the all-staff group by default",
            "the role update changed what the old 'editor' role includes",
        ],
        "fixes": [
            "I showed the admin where the role inheritance comes from and they fixed the group.",
            "We trimmed the custom role together and checked it with a test user.",
            "I explained the role change and sent the list of affected users so they could reassign them.",
        ],
        "quotes": ["Their security officer wanted to know exactly who had seen what and when."],
        "clues": ["The user had two roles, and the stricter one won."],
        "patterns": ["role-inheritance-confusion", "custom-role-overreach"],
        "kbq": ["Why can't I see my team's reports?", "How do custom roles work?"],
        "search": ["permissions", "access denied", "roles", "admin rights", "custom role"],
        "areas": ["Admin console: roles, groups and inheritance"],
    },
    {
        "key": "ownership-transfer",
        "tags": ["account-change", "ownership", "admin", "security"],
        "products": ["admin-console", "billing"],
        "domain": "admin", "gates": ["account-change", "sensitive-message"], "errs": ["owner cannot be removed"],
        "issue": ["an account ownership transfer", "an owner who left the company", "a workspace merge request"],
        "titles": [
            "Transferring ownership after the owner left {cust_short}",
            "Owner unreachable and the team needs admin rights",
            "Merging two workspaces after an acquisition",
            "Request to change the account owner without the owner",
        ],
        "symptoms": [
            "The account owner at {cust} had left the company and nobody else could change billing or security settings.",
            "After an acquisition, {contact} wanted two workspaces merged into one.",
            "Someone asked us to make them owner, and the current owner did not answer.",
        ],
        "causes": [
            "the owner role was tied to a personal email that nobody could reach",
            "the two workspaces used different plans and regions, which makes a merge a migration",
            "the request was legitimate but needed written authorisation from the company",
        ],
        "fixes": [
            "We followed the ownership transfer process with a signed letter from the company and moved ownership.",
            "I explained what a merge really involves and they chose to keep both workspaces linked.",
        ],
        "quotes": ["They said the person had left on bad terms and would not help."],
        "clues": ["The owner's email bounced."],
        "patterns": ["owner-left-company", "workspace-merge-request"],
        "kbq": ["How do I change the owner of our account?", "Can you merge two workspaces?"],
        "search": ["change owner", "transfer ownership", "owner left", "merge workspaces"],
        "areas": ["Admin console: ownership, transfers and merges"],
    },
    {
        "key": "gdpr-deletion",
        "tags": ["privacy", "gdpr", "data-deletion", "compliance", "legal"],
        "products": ["admin-console", "reporting"],
        "domain": "admin", "gates": ["sensitive-message", "account-change"], "errs": [],
        "issue": ["a data deletion request", "a GDPR erasure request", "a subject access request", "a retention question from legal"],
        "titles": [
            "Erasure request from an end customer of {cust_short}",
            "Subject access request with a two-week deadline",
            "Legal asks how long we keep deleted data",
            "Deletion request for a former employee's records",
        ],
        "symptoms": [
            "An end customer of {cust} wrote to us directly asking for all their data to be deleted.",
            "{Contact} had a subject access request and needed everything we hold about one person within two weeks.",
            "Their legal team asked how long deleted records stay in our backups.",
        ],
        "causes": [
            "we are the processor, so the request has to go through the customer who is the controller",
            "the data was spread across records, attachments and the audit log",
            "backups age out on a fixed schedule, which the help centre does not mention",
        ],
        "fixes": [
            "I explained the controller and processor roles kindly and pointed the person to the company that holds their data.",
            "We produced the export with Trust and Safety and I reviewed it before it went out.",
            "I sent the retention schedule from the data processing agreement.",
        ],
        "quotes": ["They said, 'I never signed up for your service, why do you have my data?'"],
        "clues": ["The person was not a user of ours but a customer of our customer."],
        "patterns": ["erasure-request-processor", "access-request-deadline"],
        "kbq": ["How do I delete my personal data?", "How long do you keep data after deletion?"],
        "search": ["delete my data", "GDPR", "erasure", "data retention", "privacy request"],
        "areas": ["Admin console: deletion, retention and legal holds"],
    },
    {
        "key": "crm-sync",
        "tags": ["integrations", "crm", "sync", "data-accuracy"],
        "products": ["integrations", "api"],
        "domain": "api", "gates": [], "errs": ["FIELD_CUSTOM_VALIDATION_EXCEPTION", "sync paused", "invalid field"],
        "issue": ["a broken {integ} sync", "a CRM integration that overwrites data", "records missing from the CRM"],
        "titles": [
            "{integ} sync overwriting fields the customer edits by hand",
            "Records missing from {integ} after the connector update",
            "'{err}' pauses the {integ} sync every night",
            "Two-way sync loop between {integ} and us",
        ],
        "symptoms": [
            "{Cust} found that values their sales team typed in {integ} were overwritten by the nightly sync.",
            "About {pct} of records never reached {integ}.",
            "The sync paused itself every night with '{err}'.",
            "A field changed back and forth between two values every few minutes.",
        ],
        "causes": [
            "both systems were set as the source of truth for the same field",
            "a validation rule in {integ} rejected records without a region",
            "the connector update reset the field mapping to its defaults",
        ],
        "fixes": [
            "I set the field to one-way sync and the loop stopped.",
            "They relaxed the validation rule and re-ran the sync for the missing records.",
            "We restored the mapping from the connector's history.",
        ],
        "quotes": ["Their sales lead said the integration was making their team look sloppy."],
        "clues": ["The field history showed two writers alternating."],
        "patterns": ["crm-sync-loop", "crm-validation-reject"],
        "kbq": ["Why is the sync overwriting my changes?", "Why are some records missing in my CRM?"],
        "search": ["{integ} sync", "CRM", "integration", "overwritten", "field mapping"],
        "areas": ["Integrations: the {integ} connector and field mapping"],
    },
    {
        "key": "email-deliverability",
        "tags": ["notifications", "email", "deliverability", "dns"],
        "products": ["integrations", "admin-console"],
        "domain": "admin", "gates": [], "errs": ["550 rejected", "marked as spam"],
        "issue": ["emails landing in spam", "notification emails not delivered", "a custom sending domain problem"],
        "titles": [
            "Customer emails from our platform land in spam",
            "Invoices sent from the custom domain bounce with '{err}'",
            "Password reset emails never arrive at {cust_short}",
        ],
        "symptoms": [
            "Emails sent from {cust}'s custom domain went straight to spam.",
            "Password reset emails never arrived for anyone on their corporate domain.",
            "Invoice emails bounced with '{err}'.",
        ],
        "causes": [
            "their DNS records were missing the entry that authorises us to send for them",
            "their mail gateway quarantined links from our tracking domain",
            "the address was on our suppression list after an old bounce",
        ],
        "fixes": [
            "I sent the exact DNS records to add and delivery recovered the next day.",
            "Their IT team allowlisted our sending domain.",
            "I removed the address from the suppression list.",
        ],
        "quotes": ["They said their customers thought the invoices were phishing."],
        "clues": ["Only one corporate domain was affected."],
        "patterns": ["custom-domain-dns", "suppression-list"],
        "kbq": ["Why are our emails going to spam?", "Why don't I get password reset emails?"],
        "search": ["email spam", "not receiving emails", "bounce", "DNS", "password reset email"],
        "areas": ["Integrations: custom sending domains"],
    },
    {
        "key": "outage-incident",
        "tags": ["outage", "incident", "status-page", "sla", "enterprise"],
        "products": ["api", "mobile", "reporting"],
        "domain": "api", "gates": ["sensitive-message", "high-tier"], "errs": ["502 Bad Gateway", "service unavailable"],
        "issue": ["an outage", "a partial outage", "an incident with an SLA claim", "the {day} incident"],
        "titles": [
            "SLA credit request after the {day} outage",
            "Enterprise customer asks for a root cause within a day",
            "Partial outage in {region} and a flood of tickets",
            "Status page said green while customers saw '{err}'",
        ],
        "symptoms": [
            "During the {day} incident, {cust} could not reach the service for {dur} and asked for an SLA credit.",
            "They wanted a full root cause analysis before their own board meeting.",
            "Our status page stayed green for the first {n} minutes while customers saw '{err}'.",
        ],
        "causes": [
            "the incident only affected the {region} region, and the status page monitors another one",
            "their contract has an SLA with a credit formula that nobody on our side had at hand",
        ],
        "fixes": [
            "I sent the incident summary, calculated the credit under their contract and got it approved the same day.",
            "I committed to a follow-up date for the root cause and kept it.",
        ],
        "quotes": ["They said, 'I found out from my own customers, not from you'."],
        "clues": ["The errors were limited to one region."],
        "patterns": ["sla-credit-request", "status-page-lag"],
        "kbq": ["Was there an outage today?", "How do I claim an SLA credit?"],
        "search": ["outage", "down", "status page", "SLA credit", "incident"],
        "areas": ["Support Ops: the incident process and status page"],
    },
    {
        "key": "enterprise-renewal-risk",
        "tags": ["enterprise", "churn-risk", "renewal", "upset-customer", "relationship"],
        "products": ["billing", "admin-console", "reporting"],
        "domain": "human", "gates": ["high-tier", "sensitive-message", "refund"], "errs": [],
        "issue": ["an upset enterprise customer", "a renewal at risk", "an executive complaint", "a customer threatening to leave"],
        "titles": [
            "Upset enterprise customer threatens not to renew",
            "Executive complaint from {cust_short} after three bad tickets",
            "Renewal at risk after a string of slow answers",
            "Customer's VP asked for 'someone senior'",
            "Rebuilding trust with {cust_short} after {dur} of silence",
        ],
        "symptoms": [
            "{Cust} escalated to their account manager after three tickets in a row went unanswered for days.",
            "Their VP wrote that they were 'reviewing alternatives' ahead of the renewal.",
            "{Contact} opened the conversation with a list of every mistake we had made this year.",
            "They had a renewal coming up in {dur} and a long memory.",
        ],
        "causes": [
            "their tickets were routed to a general queue because the enterprise flag was missing",
            "each problem on its own was small, but nobody had looked at the whole history",
            "{agent} had answered each ticket correctly but coldly, with no sign anyone was paying attention",
        ],
        "fixes": [
            "I set up a weekly check-in with their admin for a month and named myself as the contact.",
            "I wrote one summary of every open issue with an owner and a date, instead of answering ticket by ticket.",
            "Customer Success joined, and we agreed a credit of {amount} and a plan for the open issues.",
        ],
        "quotes": [
            "They said, 'we feel like a ticket number, not a customer'.",
            "They said they did not want an apology, they wanted it to stop happening.",
        ],
        "clues": ["Their last {n} tickets each touched a different product."],
        "patterns": ["enterprise-flag-missing", "renewal-risk-history"],
        "kbq": [],
        "search": [],
        "areas": ["Customer Success: how renewals are managed"],
    },
    {
        "key": "agent-wrong-promise",
        "tags": ["ai-agent", "playbook", "policy", "refunds", "tone"],
        "products": ["billing", "admin-console"],
        "domain": "human", "gates": ["refund", "sensitive-message"], "errs": [],
        "issue": ["a promise the agent should not have made", "the agent's playbook missing a rule", "an agent answer that was right but cold"],
        "titles": [
            "The agent promised a refund policy does not allow",
            "Agent's playbook has no rule for {other_issue}",
            "Technically correct, tone completely wrong",
            "Agent looped the customer through the same three questions",
            "Agent quoted a retired help article",
        ],
        "symptoms": [
            "{Agent} told {cust} a refund was 'already on its way' before anyone had approved it.",
            "The customer had been through the same three clarifying questions {n} times.",
            "{Agent} linked a help article we retired in {month}.",
            "The answer was accurate, but it opened with policy and ended with a survey link to someone clearly distressed.",
        ],
        "causes": [
            "the playbook has no rule saying which refunds need a human decision first",
            "the retired article was still in the agent's retrieval index",
            "the agent could not tell that the customer had already answered in an attachment",
        ],
        "fixes": [
            "I honoured the promise this once, with approval, and filed the gap so it does not happen again.",
            "I asked Support Ops to remove the retired article from the agent's sources.",
            "I rewrote the reply in plain words, owned the mistake and gave a date.",
        ],
        "quotes": ["They said, 'your robot promised me, now you are taking it back?'"],
        "clues": ["The conversation log shows the promise in the agent's second reply."],
        "patterns": ["agent-unauthorised-promise", "agent-retired-article", "agent-clarification-loop"],
        "kbq": [],
        "search": [],
        "areas": ["Support Ops: how the agent's playbook and sources are maintained"],
    },
    {
        "key": "payout-delay",
        "tags": ["payments", "payouts", "billing", "verification"],
        "products": ["payments"],
        "domain": "payments", "gates": ["high-tier", "account-change"], "errs": ["payout paused"],
        "issue": ["a delayed payout", "payouts paused for verification", "a missing payout"],
        "titles": [
            "Payouts paused for {cust_short} pending verification",
            "Payout missing for {dur}",
            "Seller wants to know where {amount} went",
        ],
        "symptoms": [
            "{Cust} had not received a payout for {dur} and had bills to pay.",
            "Their dashboard said '{err}' with no explanation.",
            "They expected {amount} on {day} and nothing arrived.",
        ],
        "causes": [
            "payouts were paused until they uploaded an updated business document",
            "the bank account was changed recently, which triggers a hold",
            "the payout went out but their bank held it for review",
        ],
        "fixes": [
            "I listed exactly which document was missing and payouts resumed the day after upload.",
            "I sent the payout trace so their bank could find it.",
        ],
        "quotes": ["They said they could not pay their staff this week."],
        "clues": ["The hold started the day after the bank details changed."],
        "patterns": ["payout-verification-hold"],
        "kbq": ["Why is my payout delayed?"],
        "search": ["payout", "delayed payment", "verification", "where is my money"],
        "areas": ["Payments: payout schedules and holds"],
    },
]

# ---------------------------------------------------------------------------
# Sentences that fit any kind: circumstances, the AI agent, the customer.
# ---------------------------------------------------------------------------

CONTEXT = [
    "This landed at the end of a long {day} shift, with {n} tickets still waiting in my queue.",
    "The case had already been open for {dur} when it reached me.",
    "{Colleague} had touched it first and left good notes, which saved me a lot of time.",
    "The customer is on the {plan} plan in {region}, which matters for what we can offer.",
    "It came in through the chat widget and moved to email once it got long.",
    "It arrived on release day, so I read the changelog before anything else.",
    "{Cust} has been with us for {n2} years and almost never contacts support.",
    "I picked it up from the weekend shift, who had done the first round of questions.",
    "There was a lot of back-and-forth before anyone asked the question that mattered.",
    "Our notes from a similar case in {month} pointed me in the right direction.",
    "The ticket had been reassigned {n2} times before it reached me, and each handover lost a detail.",
    "It was the third ticket from {cust_short} this month, each on a different topic.",
    "I had {dur} before the customer's own deadline, which shaped every choice I made.",
    "The first message was four paragraphs long and the actual question was in the last line.",
    "Two colleagues had already replied with slightly different answers, so the customer was confused about which one to believe.",
    "It came through the account manager rather than the queue, with a note saying 'please handle with care'.",
    "This one arrived in a batch of similar tickets, and it was easy to treat it like the others; it was not like the others.",
    "I worked it between two calls, which is not ideal for something this tangled.",
    "The case touched {n2} products, which is why the usual macros did not fit.",
    "{Lead} asked me to take it because I had handled the last one from this customer.",
    "The customer had already tried everything in the help centre before writing.",
    "The internal thread about this was {n} messages long and mostly guesses.",
    "It was a quiet afternoon, so I could give it proper attention for once.",
    "On paper it looked routine; the history on the account said otherwise.",
    "The original request was in Portuguese and the follow-ups in English, which made the thread hard to read.",
    "It had been sitting in the wrong queue for {dur} because of a missing tag.",
    "I spent the first ten minutes just reading the account history, which paid off.",
    "A screenshot from the customer showed more than their description did.",
    "Part of this happened on the phone, so the written thread is missing the key moment.",
    "This is the kind of case that used to take me a full day; today it took {dur}.",
]

AGENT = [
    "{Agent} handled the first part well and lost the thread when the customer changed topic.",
    "The agent's handover summary was accurate but left out the customer's deadline.",
    "{Agent} offered the standard troubleshooting list, which the customer had already worked through.",
    "{Agent} asked for the account email twice, which did not help the mood.",
    "To be fair to {agent}, the article it relied on was out of date.",
    "{Agent} spotted the right topic within one message, then stayed too long in the clarifying loop.",
    "The agent's reply was correct, polite and completely missed that the customer was panicking.",
    "{Agent} escalated with a clean summary this time, which I want to note because it is not always the case.",
    "The agent quoted the policy accurately, but quoting policy was not what this customer needed.",
    "{Agent} tried a workaround that works on the {plan} plan only, and this customer is not on it.",
    "The agent's confidence was misplaced: it told the customer the issue was fixed when nothing had changed.",
    "{Agent} recognised the sentiment and handed over within two turns, which is exactly right.",
    "The conversation log shows {agent} repeating the same answer with slightly different words {n2} times.",
    "{Agent} did not have access to billing history, so it could not see the earlier charge.",
    "The agent's answer would have been perfect for a different customer.",
]

CUSTOMER_STATE = [
    "The customer was {mood} from the first line, and with reason.",
    "By the third message they were {mood} and writing in short, sharp sentences.",
    "They came across as more {mood} than angry, which changed how I wrote back.",
    "{Contact} was {mood} but precise, which made the diagnosis easier.",
    "Underneath the {mood} tone there was a simple worry: would this happen again?",
    "They were {mood}, mostly because nobody had told them what was going on.",
    "The mood shifted from {mood} to cautiously hopeful once there was a plan.",
    "I could tell they were {mood} from the punctuation alone.",
    "They apologised for being {mood}, which told me how long this had dragged on.",
    "The customer stayed calm in writing, but on the call they were clearly {mood}.",
    "The person writing was {mood} on behalf of their own boss, who was copied on every message.",
    "They were not {mood} at me so much as at the whole situation, and saying so helped.",
]

# Rare sentences, added to a body with a small fixed probability each, so that
# rare-term searches hit a handful of entries at any corpus size.
RARE_SENTENCES = [
    (0.0003, "Finance reminded me that refunds to closed cards that nobody claims eventually fall under escheatment rules, so we cannot leave them sitting in limbo."),
    (0.0008, "The login failures came down to a homoglyph in the domain: a Cyrillic letter that looked exactly like a Latin one."),
    (0.0015, "One name on the list carried a diaeresis that our importer quietly dropped, and that was the whole mystery."),
    (0.0005, "The endpoint sat quiescent for hours and then woke up to the whole backlog at once."),
    (0.002, "The whole kerfuffle started with a single mistyped address in the billing contact field."),
    (0.0015, "What followed was a small brouhaha on the customer's side about who had approved the change."),
    (0.003, "It was a proper snafu: three teams each assumed another one had already replied."),
    (0.001, "Getting the sign-off was a rigmarole of letters, calls and one fax machine, of all things."),
    (0.0015, "My colleague kept real sangfroid on the call while the customer was shouting."),
    (0.001, "I offered a plain mea culpa instead of a paragraph of context, and it landed."),
]

# Extra tags that can ride along with any scenario.
GENERIC_TAGS = ["follow-up", "vip", "angry-customer", "weekend", "handover",
                "tricky", "first-contact", "legal", "repeat-contact",
                "enterprise", "regression", "workaround", "training-idea",
                "macro-update", "multi-product"]

PRODUCTS = ["billing", "api", "mobile", "integrations", "reporting",
            "admin-console", "payments"]

PRODUCT_NAMES = {
    "billing": "billing", "api": "the API", "mobile": "the mobile app",
    "integrations": "integrations", "reporting": "reporting",
    "admin-console": "the admin console", "payments": "payments",
}

SKILLS = [
    "self-care", "time-and-task-management", "goal-setting-and-accountability",
    "focus-and-follow-through", "complex-case-diagnosis",
    "empathic-communication", "knowledge-base-specification",
    "agent-escalation-tuning", "quality-sampling-judgment",
    "hand-off-documentation", "cross-product-context", "adaptability",
]

SKILL_NAMES = {
    "self-care": "self-care",
    "time-and-task-management": "time and task management",
    "goal-setting-and-accountability": "goal-setting and accountability",
    "focus-and-follow-through": "focus and follow-through",
    "complex-case-diagnosis": "complex-case diagnosis",
    "empathic-communication": "empathic communication",
    "knowledge-base-specification": "knowledge-base specification",
    "agent-escalation-tuning": "agent escalation tuning",
    "quality-sampling-judgment": "quality-sampling judgment",
    "hand-off-documentation": "hand-off documentation",
    "cross-product-context": "cross-product context",
    "adaptability": "adaptability",
}

# ---------------------------------------------------------------------------
# diagnosis
# ---------------------------------------------------------------------------

PREDICTION_STEMS = [
    "I think {cause}.", "My bet: {cause}.", "Probably {cause}.",
    "Most likely {cause}.", "I suspect {cause}.", "Best guess: {cause}.",
    "Gut feeling says {cause}.", "I would put money on this: {cause}.",
]

ACTUAL_STEMS = [
    "It was {cause}.", "Turned out {cause}.", "Root cause: {cause}.",
    "In the end, {cause}.", "Confirmed with {team}: {cause}.",
    "The real problem was that {cause}.",
]

PARTIAL_TAILS = [
    "but that was only half of it: {cause2}.",
    "and on top of that, {cause2}.",
    "though the bigger factor was that {cause2}.",
]

DIAG_WHY = [
    "The wording of the first message matched {n2} earlier cases in the journal.",
    "Nothing on the account changed recently, which rules out the usual suspects.",
    "The timing lined up with a release on our side, so I started there.",
    "{Agent} had already ruled out the obvious settings, which narrowed it down.",
    "I have seen {issue} at least {n} times this year, and the cause is usually the same.",
    "The customer's screenshots showed more than their description did.",
    "When I searched the journal for similar cases, the top hits pointed the same way.",
    "Only one user was affected, which usually means a setting rather than a bug.",
    "Several users were hit at once, so I ruled out anything on a single device.",
    "The error text was specific enough to search for in the engineering channel.",
    "My first instinct said billing, but the evidence said otherwise, so I wrote down both.",
    "The customer mentioned a change on their side almost in passing, and that detail stuck.",
    "Request {req} in the logs had the clearest trace of what happened.",
    "The same shape of ticket turned up in last week's QA sample.",
    "I read the changelog for the last {n} days before forming a view.",
    "Two things changed in the same week, and I suspect the second one.",
    "The customer's timeline had a gap of {dur} that nobody had asked about.",
    "Everything pointed to their side, which is exactly when I double-check ours.",
]

DIAG_WRONG = [
    "If the logs show a single attempt, my theory is dead.",
    "If a brand-new test account shows the same thing, it is not their configuration.",
    "A clean history for the last {dur} would point away from my guess.",
    "If {team} confirm nothing changed on our side, I will look at their setup instead.",
    "Reproducing it in a sandbox workspace would settle it either way.",
    "If the timestamps are more than a few minutes apart, these are two separate events.",
    "The one thing that would prove me wrong: the same symptom on another {plan} account.",
    "One precise question first: what changed on their side on {day}?",
    "I will check whether other customers in {region} report the same thing.",
    "If it survives a fresh login in a private window, it is not the browser.",
    "If the affected users have nothing in common, my explanation does not hold.",
    "The request log will either show the second call or it will not.",
]

DIAG_AFTER = [
    "Resolution took {dur} in the end, most of it waiting on the customer.",
    "The fix itself was small; finding it was the work.",
    "{Team} confirmed it on {day}, and I closed the loop with the customer the same afternoon.",
    "Once we knew the cause, the customer was relieved more than anything.",
    "We checked {n} other accounts with the same setup and found two more affected.",
    "I added the cause to the case notes so the next person does not start from zero.",
    "The customer confirmed the fix the next morning.",
    "It needed a second pair of eyes from {colleague} to see it.",
]

DIAG_NEXT = {
    "hit": [
        "The prediction held. What made it quick was asking for the exact error text first.",
        "A hit, but I should not get cocky: the confidence was right for once.",
        "Same pattern as before; worth a saved search so I spot it even faster.",
        "Good call on the timing clue; I want to keep doing that.",
    ],
    "partial": [
        "Half right: I found the trigger but not the reason it mattered.",
        "Partial. I stopped looking once the first explanation fitted, and there was more to it.",
        "Next time I will write down a second hypothesis before I start.",
    ],
    "miss": [
        "A clean miss. I anchored on the first explanation and ignored the timing.",
        "Wrong, and usefully so: the signal was in the first message and I read past it.",
        "I was far too confident for how little I knew.",
        "Next time, check what changed on the customer's side before blaming ours.",
        "The miss came from pattern-matching on the product name instead of the symptom.",
    ],
    "unknown": [
        "We never found out for sure; the problem stopped on its own.",
        "Unresolved in the sense that matters: the customer stopped replying.",
    ],
    "pending": [
        "Not resolved yet; waiting on {team}.",
        "Still open. I will fill this in once the customer confirms.",
        "Waiting for the logs before I can say.",
    ],
}

DIAG_LESSONS = [
    "Next time I will ask for the exact error text before anything else.",
    "Check what changed on the customer's side first, then on ours.",
    "Searching the journal before predicting would have saved an hour.",
    "Write two hypotheses, not one, and say what would separate them.",
    "Read the whole thread, including the parts {agent} summarised.",
    "The account history is faster than the logs for this kind of case.",
    "Ask {team} earlier; they had the answer in their own channel.",
    "Keep a note of which symptoms point to which cause; this one goes on the list.",
]

# ---------------------------------------------------------------------------
# postmortem
# ---------------------------------------------------------------------------

PM_PARAGRAPH = [
    "It started badly: the customer had been passed between {agent} and two colleagues before it reached me, and the first message was mostly capital letters.",
    "By the time I picked it up, the customer was {mood} and had stopped believing anything we said.",
    "The first ten minutes were all listening; I did not offer a single fix until they had finished.",
    "I named what had gone wrong before they had to, and the temperature dropped noticeably.",
    "Halfway through, they asked for a manager, and I offered to stay on it personally instead.",
    "We ended with a plan, a date and, to my surprise, a thank-you.",
    "It was a long call, {dur} in all, and most of it was the customer telling me about their week, not the problem.",
    "What made it hard was that they were right: we had let them down twice already.",
    "I started by summarising everything that had happened so far, in their words, and asked if I had it right.",
    "They tested me early with a pointed question about why nobody had answered for {dur}.",
    "The fix was simple; the conversation was not.",
    "Once they felt heard, they became the most helpful customer I spoke to all week.",
    "I could have closed it with a macro in two minutes and lost them for good.",
    "It went from 'cancel everything' to 'thanks, that makes sense' over about {n} messages.",
    "The turning point was not anything clever, just taking responsibility in plain words.",
    "They ended the call by asking for my name so they could ask for me next time.",
]

PM_TURNING = [
    "The turn came when I said what had happened in one sentence, without a single 'unfortunately'.",
    "They softened once I stopped defending the policy and started laying out options.",
    "What shifted it was a date: I gave them a specific time for the next update and kept it.",
    "Naming their frustration out loud did more than any apology.",
    "When I admitted I did not know yet but would find out by {day}, they relaxed.",
    "The moment I stopped explaining and asked what a good outcome looked like for them.",
    "Sharing my screen and showing them the exact setting ended the argument about whose fault it was.",
    "Offering to write the summary for their boss, so they did not have to, changed the tone entirely.",
    "It turned when I said 'you should not have had to chase us', because it was true.",
    "The turning point was a pause: I let them finish instead of jumping in with the fix.",
    "They laughed at something small, and from then on we were working on it together.",
    "Refunding the charge straight away, before asking anything else, bought the patience I needed for the rest.",
]

PM_ALMOST = [
    "I nearly lost them when I used the word 'policy' in the second sentence.",
    "A paragraph pasted from the macro almost undid everything.",
    "I was about to promise a date Engineering had not agreed to.",
    "The moment I asked for their account details again, they exploded; they had given them twice already.",
    "My first reply was defensive, and I could feel it land badly.",
    "When the workaround failed on the call, there was a long silence and I thought they would hang up.",
    "They threatened to cancel, and for a second I wanted to argue the terms.",
    "I explained the technical cause in too much detail and they heard it as an excuse.",
    "Transferring them to billing would have been the end; I kept it instead.",
    "They asked whether anyone actually reads these tickets, and I nearly answered with a canned line.",
    "I almost closed the ticket before they confirmed, which would have been the third time it happened to them.",
]

PM_NEXT = [
    "With a customer this {mood}, lead with what I will do, not with what went wrong.",
    "Ask what they need and by when before explaining anything.",
    "Keep the macro closed for the first reply.",
    "Do not say 'policy' until they have heard the options.",
    "Give a time for the next update even when there is nothing new to say.",
    "Summarise the history back to them before asking a single question.",
    "When they threaten to leave, acknowledge it once and move to the fix.",
    "Offer the call earlier; writing back and forth made it worse.",
    "Own the mistake in the first line, then explain.",
]

PHRASES = [
    "I can see why that felt like nobody was listening",
    "Here is exactly what happens next",
    "I will stay on this myself until it is fixed",
    "You should not have had to chase us",
    "Let me check I have understood",
    "That one is on us, not on you",
    "I will write to you by {day} either way",
    "What would a good outcome look like for you today?",
    "I do not know yet, and I will find out",
    "Let me put the whole picture in one message",
    "You are right to ask",
    "Can I walk you through what I found?",
    "Thank you for sticking with this",
    "I would be annoyed too",
    "Here is what I can do right now",
    "Let us fix the urgent part first",
    "I have read the whole thread, so you do not need to repeat it",
    "Nothing you did caused this",
    "I will not close this until you tell me it works",
    "Would a quick call be easier than writing?",
]

PHRASE_CONTEXT = [
    "A {mood} customer who had been passed between three people and wanted one owner.",
    "An enterprise admin under pressure from their own leadership.",
    "Early in the call, before any fix, while they were still venting.",
    "A long-time customer who felt the relationship had been taken for granted.",
    "A customer in their first week who was close to asking for a refund.",
    "A technical contact who distrusted anything that sounded like a script.",
    "Someone who had been promised a fix before and did not believe the next promise.",
    "A small business owner worried about money, not about the product.",
    "A customer writing late at night after a bad day, short on patience.",
    "An admin who had to explain the problem to their own boss the same afternoon.",
]

# ---------------------------------------------------------------------------
# kb
# ---------------------------------------------------------------------------

KB_QUESTION = [
    "Customers ask this in many ways; the wording below is the most common.",
    "This came up {n} times in a month, and the help centre search returned nothing useful.",
    "The question usually arrives after the customer has already tried the obvious.",
    "{Agent} gets this question often and answers it inconsistently.",
    "Customers rarely use our name for the feature, which is why search missed it.",
    "The same question arrives in at least three phrasings; all of them are in the search terms.",
]

KB_ANSWER = [
    "Short answer first: it is usually fixable in a few minutes, and nothing is lost.",
    "Start by checking which plan the workspace is on; the steps differ on {plan}.",
    "Confirm the change with a test user before rolling it out to everyone.",
    "If the problem persists after {dur}, contact support with the exact error text.",
    "Sign out, sign back in, and try again in a private browser window.",
    "Take a screenshot of the exact message before trying anything else.",
    "Open the admin console, go to the settings page named in the message, and check the value there.",
    "Only an admin can make this change; a member will see the option greyed out.",
    "Look for a banner on the billing or admin page; it usually explains the state of the account.",
    "Tell the customer what happens next and when, even when the answer is to wait.",
    "Check whether anything changed on the account in the last few days, on either side.",
    "If the steps above do not work, the problem is on our side, and support can fix it.",
    "Note the time of the failure in UTC; it makes the logs much easier to find.",
]

KB_NOT_APPLY = [
    "This does not apply to accounts on the legacy billing system; route those to a person.",
    "If the customer mentions a legal deadline, hand it over instead of answering from this article.",
    "Not for customers in {region}, where the rules are different.",
    "If the amount is above the approval threshold, the agent must not promise anything.",
    "If more than one product is involved, this article alone will not solve it.",
    "Cases that look the same but started after an outage need the incident article instead.",
    "If the customer is not an admin, they cannot follow these steps; explain who can.",
    "Enterprise accounts with a dedicated manager should be routed to them.",
    "Does not apply when the account is in a grace period after a failed payment.",
]

KB_INTERNAL = [
    "Engineering ticket {tkt} tracks the underlying bug; link it, do not paste it.",
    "Merge candidate: the older article on the same topic gets {n} views a month and is partly wrong.",
    "{Agent} kept citing an outdated paragraph; this replaces it.",
    "Verified against the product on {day}; re-check after the next release.",
    "Related articles: the one on roles and the one on exports, both need a cross-link.",
    "The screenshots will go stale when the settings page is redesigned next quarter.",
    "Customers who find this usually also need the billing article; link them.",
    "Search data shows people look for this with words we never use.",
    "Ask Product to add the error code to the message itself; then this article gets much shorter.",
]

# ---------------------------------------------------------------------------
# escalation
# ---------------------------------------------------------------------------

ESC_AGENT_DID = [
    "{Agent} recognised the topic, quoted the right article, and then handed over when the customer asked for a person.",
    "{Agent} asked three clarifying questions, got three answers, and still escalated.",
    "It offered the standard troubleshooting steps, which the customer had already tried.",
    "It correctly refused to change account details without verification and escalated.",
    "It tried for {n} turns before escalating, by which point the customer was {mood}.",
    "The handover note was a single line that did not mention the amount or the deadline.",
    "It escalated straight away on the word 'lawyer', which is what the rule says.",
    "{Agent} gave an accurate answer and then escalated anyway because the customer replied with one angry word.",
    "It promised a callback, which it cannot schedule, and then escalated.",
    "It escalated on the amount alone, which was just over its limit.",
    "It answered the first question well and missed the second one entirely.",
    "It went in circles between two articles that contradict each other.",
]

ESC_HUMAN_ADDED = {
    "should-have-handled": [
        "Honestly, nothing the agent could not have done: the answer was in the article it had already found.",
        "I sent the same steps {agent} had half-written, with one missing detail added.",
        "All it needed was permission to issue a small credit, which the playbook does not give it.",
        "A person added reassurance, but the fix itself was routine.",
        "I answered in two sentences; the agent had the information and not the confidence.",
        "Nothing beyond reading the customer's second message carefully.",
    ],
    "correctly-escalated": [
        "Judgment about an exception to policy, which should stay with a person.",
        "A phone call to calm a customer who had stopped reading messages.",
        "Coordination with {team}, which the agent cannot do.",
        "Verifying identity before an account change, which rightly needs a human.",
        "Reading between the lines: the real request was about the renewal, not the bug.",
        "A decision about money above any automatic threshold.",
    ],
    "correct-but-late": [
        "The right call, but it came {n2} turns too late; the customer had asked for a person twice.",
        "By the time it reached me, the deadline they mentioned at the start had passed.",
        "The sentiment was obvious from the first message; the agent only escalated on the rule trigger at the end.",
        "It should have handed over as soon as two products were involved.",
        "A human was needed from the moment the word 'refund' appeared next to 'again'.",
    ],
}

ESC_CHANGE = [
    "A playbook line: when a customer reports being charged twice, hand over with both amounts in the note.",
    "Lower the sentiment threshold when the customer has written more than {n2} messages.",
    "Give {agent} the refund approval matrix so it can settle the small cases itself.",
    "An article on {issue} would let the agent answer this without a person.",
    "The handover note should always include what the customer has already tried.",
    "If this pattern repeats, it becomes a proposal; I will count the next few weeks first.",
    "A rule to escalate at once when the customer mentions a deadline.",
    "Remove the retired article from the agent's sources.",
    "Nothing to change; this one was a judgment call that belongs with a person.",
    "Teach the agent to recognise that two products are involved and hand over early.",
]

ESC_REASON = [
    "Customer asked for a human after {n2} turns.",
    "Refund above the agent's limit.",
    "Legal language in the first message.",
    "Enterprise customer with a renewal coming up.",
    "Two products involved and no article covers both.",
    "Account change that needs identity verification.",
    "Customer's frustration kept rising with each reply.",
    "Agent could not find an article and said so.",
    "Security concern raised by the customer.",
    "Repeat contact on the same problem within a week.",
]

PLAYBOOK_GAP = [
    "No rule for refunding duplicate charges under the approval threshold.",
    "Playbook does not say when repeated frustration should trigger a handover.",
    "No guidance for SSO lockouts that affect a whole team.",
    "Missing article reference for {issue}.",
    "No instruction to check billing history before answering billing questions.",
    "No rule for customers who mention a deadline.",
    "The playbook tells the agent to ask for the account email even when it already has it.",
    "Nothing about what to do when two help articles disagree.",
    "No escalation path for data export failures on large accounts.",
]

# ---------------------------------------------------------------------------
# qa
# ---------------------------------------------------------------------------

QA_NEEDED = [
    "The customer needed {issue} sorted before a deadline they mentioned only once.",
    "Underneath the question about settings was a worry about being billed again.",
    "They needed someone to confirm it was not their fault.",
    "The real need was a date, not an explanation.",
    "They wanted to know whether their data was safe; the question about the error was secondary.",
    "They needed steps they could forward to their IT team as they were.",
    "A straight yes or no, and the agent gave neither.",
]

QA_RIGHT = [
    "The steps were accurate and in the right order.",
    "It cited the right article and the right plan limits.",
    "It verified identity before touching the account, exactly as it should.",
    "The tone was warm without being syrupy.",
    "It kept the reply short and put the answer first.",
    "It noticed the customer's plan and adjusted the steps.",
    "It checked the billing history before answering, which most people forget.",
    "The summary at the end was clear enough to forward.",
]

QA_NEVER = [
    "The reply was correct but opened with policy, which reads as a refusal to someone this {mood}.",
    "It never acknowledged the second question in the message.",
    "It promised a follow-up that nothing in the system will trigger.",
    "It used a phrase that sounds like blame: 'as you can see in your settings'.",
    "A risk nobody escalated: the customer mentioned a legal deadline in passing.",
    "Nothing the customer would notice; a clean pass.",
    "The answer was right for the {plan} plan and wrong for this customer's plan.",
    "It closed the conversation while the customer was still typing.",
    "It linked an article that was retired in {month}.",
    "Technically complete, emotionally absent: no sign it noticed they were upset.",
    "It suggested a workaround that quietly stretches the refund policy.",
]

QA_RETRAIN = [
    "When money has already been taken, acknowledge the amount before explaining anything.",
    "If the customer asks the same question twice, hand over instead of repeating the answer.",
    "Check an article's status before citing it.",
    "Lead with the answer, then the steps, then the why.",
    "When a deadline is mentioned, repeat it back and escalate if it cannot be met.",
    "Do not end a reply to an upset customer with a survey link.",
    "Name the plan before giving plan-specific steps.",
]

QA_HEADINGS_NOTE = [
    "Scores: accuracy {acc}, tone {tone}, policy {pol}, resolution {res}.",
]

# ---------------------------------------------------------------------------
# handoff
# ---------------------------------------------------------------------------

HANDOFF_FUNCTIONS = {
    "engineering": "Engineering", "customer-success": "Customer Success",
    "sales": "Sales", "product": "Product", "other": "Finance",
}

HO_ASK = {
    "engineering": [
        "I need Engineering to confirm whether this is a bug by {day}, because the customer has a deadline.",
        "Can you look at request {req} and tell me what failed?",
        "Please check whether other accounts on the same setup are affected.",
        "I need to know if a fix is planned, not when exactly; the customer can work with that.",
    ],
    "customer-success": [
        "Please take over the relationship side; the renewal is in {dur} and trust is low.",
        "Could you set up a call with their executive sponsor this week?",
        "I need someone to own the weekly check-ins I promised.",
    ],
    "sales": [
        "The customer wants to discuss a plan change, which is a Sales conversation.",
        "They asked about a volume discount; please pick it up before they shop around.",
        "They are ready to add {n} seats if the pricing works.",
    ],
    "product": [
        "Customers keep asking for this; here is the evidence in one place.",
        "This behaviour surprises every customer who meets it. Is it intended?",
        "Please confirm whether the limit is deliberate so we can document it.",
    ],
    "other": [
        "Finance needs to approve the credit before I can tell the customer.",
        "Legal should review the customer's request before we reply.",
        "Security asked to be told about any access request like this one.",
    ],
}

HO_KNOW = [
    "Started {dur} ago; customer tier is {tier}; {n2} users affected.",
    "Already ruled out: browser, cached sessions, the customer's network.",
    "Reproduced on a test workspace on the {plan} plan.",
    "Not reproducible on our side so far; the customer's logs are attached to the ticket.",
    "Workspace and time of failure in UTC are in the internal note, not here.",
    "The customer has tried the documented workaround and it did not help.",
    "It started right after their change on {day}, which may or may not be related.",
    "Only {region} accounts seem to be affected.",
]

HO_TOLD = [
    "The customer knows {function_name} is looking and expects an update by {day}.",
    "I have not promised a fix date, only an update.",
    "I told them a credit is being considered, not that it is approved.",
    "They know I stay their contact until it is resolved.",
    "They were told we would call them, not email, for the next update.",
    "Nothing has been promised beyond looking into it.",
]

HO_WISHED = [
    "Engineering asked for the workspace id and the exact time in UTC up front.",
    "They wished I had flagged the renewal date in the first line.",
    "They wanted the customer's budget situation, which I had but did not include.",
    "They wanted to know how many customers asked for the same thing.",
    "The summary was good but too long; three bullets would have done.",
    "They asked for the exact error text rather than my paraphrase.",
    "Nothing missing this time, which is a first.",
    "They wished they had been brought in a week earlier.",
    "They wanted steps to reproduce that worked first time.",
    "They asked for the customer's technical contact, not the billing one.",
]

# ---------------------------------------------------------------------------
# explore
# ---------------------------------------------------------------------------

EX_WHY = [
    "I keep getting cases that touch this area and I could not explain how it works.",
    "A new feature shipped here last week and the first tickets are already arriving.",
    "Three escalations this month ended with 'I will check with the team' on this topic.",
    "It sits right next to the cases I get, but I have never used it myself.",
    "{Colleague} handles most of these and will be away for {dur}.",
    "A customer asked a question I could not answer, and it bothered me all evening.",
]

EX_TRIED = [
    "I set it up from scratch in a sandbox workspace and broke it on purpose.",
    "I read every setting and its help text, then tried the odd combinations.",
    "I followed our own help article step by step, exactly as a customer would.",
    "I paired with {colleague} from {team} for half an hour.",
    "I replayed an old case from the journal in the sandbox to see what the customer saw.",
    "I went through the error messages one by one and wrote down what each really means.",
    "I compared the behaviour on the {plan} plan with a trial workspace.",
]

EX_LEARNED = [
    "The error messages are much more specific than our articles suggest.",
    "There is a setting that changes the behaviour entirely, and it is off by default.",
    "Two of our help articles contradict each other here.",
    "The {plan} plan behaves differently, which explains a case from last month.",
    "The limit customers hit is per workspace, not per user, which nobody on the team knew.",
    "The sandbox does not behave like production in one important way.",
    "Most of the confusing cases come from a single unclear label in the settings.",
    "There is a log page for admins that would answer half our tickets if customers knew about it.",
]

EX_OPEN = [
    "Why does the sandbox behave differently from production here?",
    "Is the limit documented anywhere customers can see it?",
    "Ask Product whether the default is going to change.",
    "Is there an article waiting to be written? The gap looks real.",
    "Next week: the same area on mobile.",
    "Who owns the error messages, and can they be changed?",
]

# ---------------------------------------------------------------------------
# proposal
# ---------------------------------------------------------------------------

PR_PATTERN = [
    "I counted the entries in the journal with this pattern: {n} in the last quarter across the team.",
    "Almost every case follows the same script: the agent asks, the customer answers, the agent escalates anyway.",
    "The customers affected are mostly on the {plan} plan, which has its own rules.",
    "Specialists spend time on it that adds nothing a customer would notice.",
    "Nobody owns this today; it falls between Support Ops and the product team.",
    "Each of these cases ends the same way, with a person doing what the playbook could have said.",
    "Over the last {n} weeks, {issue} reached a person {n2} times, and mostly the agent had the answer but not the permission.",
    "The same pattern keeps turning up in my escalation log: '{pattern}'.",
    "Each occurrence costs the customer a day of waiting and us half an hour.",
    "Other specialists are seeing it too; {colleague} logged several last month.",
    "It clusters around renewals and release days.",
    "The QA sample shows the agent getting it half right, which is worse than escalating.",
]

PR_CHANGE = {
    "playbook": [
        "New playbook line: if the customer reports {issue} and the amount is below the threshold, resolve without handing over.",
        "Add to the playbook: check billing history before answering any question about charges.",
        "Let the agent offer the standard credit for this case instead of escalating.",
    ],
    "escalation-rule": [
        "Escalate immediately when the customer mentions a deadline or a legal term.",
        "Lower the sentiment threshold after {n2} customer messages without progress.",
        "Hand over as soon as two products are involved.",
    ],
    "kb-article": [
        "Publish an article on {issue} with the steps the agent can quote word for word.",
        "Rewrite the existing article so the answer comes first and the conditions are explicit.",
        "Split the long article into two, one for admins and one for members.",
    ],
    "retraining-set": [
        "Add {n} examples of correct-but-cold answers to the retraining set, with better versions.",
        "Add the conversations where the agent missed the escalation, labelled with the moment it should have handed over.",
    ],
    "handoff-template": [
        "Add workspace id, time in UTC and what was tried to the Engineering hand-off template.",
        "Put the renewal date and account value at the top of the Customer Success template.",
    ],
}

PR_RISK = [
    "The agent may keep cases that look alike but involve a legal deadline.",
    "We would notice through the QA sample: any missed escalation on this pattern gets flagged.",
    "A small number of customers might get a credit they would not have got from a person.",
    "The article could go stale after the next release; it needs an owner.",
    "Engineering might read the longer template as more work; keep it short.",
]

PR_KNOW = [
    "Escalations with the pattern '{pattern}' should fall by half within {n} weeks.",
    "Compare the {n} weeks before and after shipping in the escalation report.",
    "Fewer re-opens on this topic and no new QA flags.",
    "The deflection count on the article should climb within a month.",
]

PR_STATUS_LINES = {
    "proposed": ["Sent to {lead} and Support Ops for review."],
    "accepted": ["Accepted by Support Ops; waiting for a slot in the next playbook release."],
    "shipped": ["Shipped as {change_ref}. Watching the numbers."],
    "rejected": ["Rejected for now: the risk outweighs the gain until the refund matrix is updated."],
}

# ---------------------------------------------------------------------------
# approval
# ---------------------------------------------------------------------------

GATE_NAMES = {"refund": "refund", "account-change": "account change",
              "sensitive-message": "sensitive message",
              "high-tier": "high-tier customer"}

AP_AGENT = {
    "refund": [
        "{Agent} proposed a full refund of {amount}.",
        "{Agent} proposed refunding the last two months, {amount} in total.",
        "{Agent} proposed a partial refund and a downgrade.",
        "{Agent} proposed a refund plus a month of credit as goodwill.",
    ],
    "account-change": [
        "{Agent} proposed changing the account owner on the strength of an email.",
        "{Agent} proposed removing two-factor authentication for the requester.",
        "{Agent} proposed moving the workspace to another region.",
        "{Agent} proposed merging the duplicate accounts.",
    ],
    "sensitive-message": [
        "{Agent} drafted a reply explaining the outage in technical detail.",
        "{Agent} drafted a reply to a deletion request that quoted the privacy policy at length.",
        "{Agent} drafted an apology that admitted more than we know.",
        "{Agent} drafted a reply to a customer who mentioned a bereavement.",
    ],
    "high-tier": [
        "{Agent} proposed a credit of {amount} for an enterprise account.",
        "{Agent} proposed extending the contract terms by a month.",
        "{Agent} proposed offering a dedicated call with Engineering.",
        "{Agent} proposed waiving the overage charges.",
    ],
}

AP_WHY = {
    "approved": [
        "The amount was within policy and the account history was clean.",
        "It was our mistake, clearly, and the proposal fixed it.",
        "The verification checks all passed.",
        "Approving cost less than the conversation about not approving.",
    ],
    "amended": [
        "Approved the refund but not the extra month of credit; the refund alone makes them whole.",
        "Kept the substance and rewrote the message so it does not promise a date.",
        "Approved the change, but only after a second verification step.",
        "Reduced the amount to the days actually affected.",
    ],
    "rejected": [
        "Nothing in the history supports it, and approving would set a precedent.",
        "The requester could not prove they speak for the account.",
        "The message admitted fault for something we have not confirmed.",
        "Refunding it outright felt wrong without understanding the cause first.",
    ],
    "escalated": [
        "Above my approval limit; sent to {lead} with a recommendation.",
        "Legal needs to see this before anyone replies.",
        "The account value puts this with the account manager, not with me.",
    ],
}

AP_SITUATION = [
    "The account is {n2} years old with a spotless payment history.",
    "It was the second request of this kind from the same account in a month.",
    "The customer's deadline was the end of the day, which limited the options.",
    "The amount itself was small; the principle behind it was not.",
    "Nobody on the account had the authority to confirm the change, at first.",
    "The request arrived through the agent with a draft decision already attached.",
    "The request was for {amount}, above what the agent may approve on its own.",
    "The customer is on the {plan} plan, with a renewal in {dur}.",
    "The person asking was not the account owner.",
    "The customer had already been refunded once this year.",
    "It was a small amount with a big relationship behind it.",
]

AP_BEYOND = [
    "I asked myself whether I would make the same call for a customer on the {plan} plan; the answer was yes.",
    "The agent's proposal was reasonable on paper and wrong for this relationship.",
    "Fairness to other customers weighed more than speed here.",
    "I wrote down the reasoning so the next person facing the same request can reuse it.",
    "The risk of saying yes was small and easy to undo; the risk of saying no was a lost customer.",
    "This would have been an easy yes if the requester had been the owner.",
    "Policy did not decide this one; the customer's long history did.",
    "Where the rules were silent, I asked what I would be comfortable explaining to the next customer.",
    "The written policy says one thing and team practice another; that gap needs closing.",
    "A judgment call that will repeat, so it is a candidate for a clearer rule.",
    "I checked with {colleague}, who had made a similar call last quarter.",
    "The precedent matters more than the amount here.",
]

AP_POLICY = {
    "refund": ["Refund policy, annual plans", "Refund policy, duplicate charges",
               "Goodwill credit guideline", "Refund policy, 14-day window"],
    "account-change": ["Account ownership transfer standard",
                       "Identity verification standard", "Data residency change process"],
    "sensitive-message": ["Sensitive communications guideline", "Incident communication policy",
                          "Privacy request handling"],
    "high-tier": ["Enterprise credit matrix", "High-tier customer handling", "SLA credit formula"],
}

REVERSALS = [
    "Finance reversed the refund after the bank ruled on the dispute.",
    "{Lead} reversed the rejection after the customer sent the missing proof.",
    "Reversed a week later: the customer had two accounts and we refunded the wrong one.",
    "Reversed when Legal reviewed the message and preferred a shorter version.",
]

# ---------------------------------------------------------------------------
# teach
# ---------------------------------------------------------------------------

TE_TAUGHT = [
    "How to handle {issue} from the first message to the last, built around {skill_name}.",
    "A short guide to the questions that settle {issue} in one reply.",
    "Worked through {issue} with {audience}, with {skill_name} as the thread.",
    "The one idea I wanted to land: with {issue}, ask for the exact error text before anything else.",
    "Used {issue} as the running example for {skill_name}.",
    "A walk-through of two real cases of {issue}, names removed.",
]

TE_DETAIL = [
    "We walked through {n2} real cases from the journal, with customer details removed.",
    "I showed how I write a prediction before opening the logs, and how I check it afterwards.",
    "We practised rewriting a cold but correct reply into a warm one.",
    "Everyone wrote a hand-off for the same case and we compared them side by side.",
    "The handout was one page: symptoms on the left, likely causes on the right.",
    "We spent the last ten minutes on questions about edge cases.",
    "I started with a miss of my own, which made it easier for others to share theirs.",
    "We used the sandbox to reproduce the problem live, which kept everyone awake.",
    "I kept the slides to three and spent the rest of the time on examples.",
    "The exercise: read a ticket, predict the cause in one sentence, then open the answer.",
    "We looked at how {agent} handles the same case and where a person still matters.",
    "I covered the three questions that settle most of these cases in one reply.",
]

TE_WENT = [
    "The live example carried it; the slides did not.",
    "People were quiet until we got to a real case, then the questions came.",
    "I went over time, which says the topic needs two sessions.",
    "{Colleague} asked the question I had no good answer to, which is now my homework.",
    "The exercise worked better than the explanation.",
    "Smaller group than planned, but the discussion was better for it.",
]

TE_CHANGE = [
    "Cut the theory by half and add an exercise.",
    "Ask someone who attended to write a feedback entry.",
    "Start with the miss, not the hit; people learn more from it.",
    "Record it, so the weekend shift can watch it.",
    "Turn the handout into a KB article for internal use.",
]

AUDIENCES = [
    "new hires in their second week", "the EMEA queue", "the weekend shift",
    "Tier 2 specialists", "the whole support team", "Customer Success managers",
    "two new teammates", "the billing pod", "the APAC team",
    "Support Ops", "the QA group", "a visiting Product manager",
]

# ---------------------------------------------------------------------------
# note
# ---------------------------------------------------------------------------

NOTE_POOL = [
    "Long shift; the queue never dropped below {n}. Took a proper break at lunch and it helped.",
    "Idea: a saved search for every case that mentions {issue}.",
    "Three people asked about {issue} this week; worth a short team note.",
    "Finished the refresher on the refund policy; the main change is the approval threshold.",
    "Reminder to block focus time on {day} mornings.",
    "The new macro for {issue} is better than the old one but still too long.",
    "Talked with {lead} about workload. Agreed to stop taking overflow from the other queue for a month.",
    "I notice I write shorter replies late in the shift; schedule the hard ones for the morning.",
    "Good day. Closed everything I opened and nothing came back.",
    "Bad day. Two customers in a row were {mood}, and I carried it into the third conversation.",
    "Tried the new sandbox reset script; it saves about ten minutes per reproduction.",
    "Our team channel had a useful thread on {issue}; saving the gist here.",
    "Next 1:1: bring up the escalation numbers and the QA flags I raised.",
    "Quiet week. Used the time to clean up my old drafts and verify two articles.",
    "Noticed {agent} handles the morning tickets better than the evening ones; no idea why yet.",
    "The release notes for this sprint mention {issue}; read them before Monday.",
    "Took a full day off after the incident week. Needed it.",
    "Learned that {colleague} keeps a personal list of tricky error codes; asked for a copy.",
    "Mentoring {colleague} on the refund gate next week.",
    "Wrote down the five cases I am proudest of this quarter, for the review.",
    "Customer feedback this week was mostly about speed, not quality.",
    "The handoff template for Engineering finally has the UTC field.",
    "Caught myself skimming a long ticket; slowed down and found the real question in the last line.",
    "Energy was low all week. Shorter breaks, more often, seemed to help.",
]

NOTE_TITLES = [
    "End of shift", "Workload check", "Idea for a saved search",
    "Note to self", "Refund policy refresher", "Thoughts after the incident week",
    "Before my 1:1", "Quiet week", "Small win", "Tough day",
    "Macro cleanup", "Focus time", "Sandbox tip", "Things I keep forgetting",
    "Week in review", "Reading list", "On writing shorter replies",
    "Observations on the agent", "Mentoring plan", "Friday wrap-up",
]

# ---------------------------------------------------------------------------
# rating and metric
# ---------------------------------------------------------------------------

RA_WHY = [
    "The {level} anchor describes work I now do without help.",
    "Three entries show me predicting the cause correctly before touching the logs.",
    "My lead's view is one step lower; the gap is consistency rather than ability.",
    "Most of the evidence is from billing cases; I need more from other products.",
    "I have taught this twice now, and others use my guide.",
    "Honest rating: I can do it on a good day, not every day.",
]

RA_NEXT = [
    "Teaching it to someone else, which the master anchor asks for.",
    "More evidence from outside the products I know best.",
    "Fewer misses on high-confidence predictions.",
    "A shipped proposal that came out of this skill.",
    "Doing it under pressure, not only on quiet days.",
]

ME_READING = [
    "First-contact resolution dipped in the month I covered the escalation queue.",
    "Cases handled is context, not a target; the hard cases take longer by design.",
    "CSAT responses skew towards customers who had a good experience, so read it with care.",
    "The period includes two weeks of leave, which explains the lower case count.",
    "QA scores improved after the tone retraining in the middle of the period.",
    "Re-opens cluster around one product area, which I have raised with the team.",
    "CSAT is based on {n} responses, so one bad week moves it a lot.",
    "Routing changed mid-quarter, so the case mix is not comparable with the last period.",
    "The re-open rate includes cases reopened by customers to say thank you.",
    "The QA score comes from {n2} sampled tickets.",
    "A launch in {month} brought a spike of easy tickets, which flatters the numbers.",
    "I was on the escalation rota for half the period, which means harder cases and fewer of them.",
    "These figures come straight from the helpdesk export; nothing adjusted.",
]

METRIC_SOURCES = ["Zendesk Explore export", "helpdesk CSV export",
                  "QA dashboard", "typed in from the monthly report",
                  "Support Ops quarterly pack"]

RATERS = ["self", "self", "self", "lead", "lead", "peer"]
