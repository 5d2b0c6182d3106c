#!/usr/bin/env python3
"""Generate a benchmark corpus for `casebook import`: JSON Lines, one entry a
line, deterministic from the seed.

    python3 bench/gen_corpus.py --entries 100000 --seed 42 -o corpus.jsonl
    python3 bench/gen_corpus.py --entries 1000 --seed 1 --people 50 --years 5 \
        --end 2026-11-01 -o small.jsonl

Each record holds the common keys (kind, id, title, body, date, person, tags,
skills, products, and where they apply case, tier, links, private) plus the
kind's own fields as top-level keys with the types docs/entry-kinds.md gives.
Every practice kind appears (diagnosis, escalation and qa most often), plus a
few rating and metric records; never a draft.

Bodies are Markdown of 0.3 to 5 KB (mean about 1.5 KB) composed from the
sentence pools in corpus_vocab.py under the `## ` headings of each kind's
template, with a long tail of rare terms. The same arguments always give the
same bytes (random.Random(seed); no hash-order dependence), so a corpus can be
regenerated instead of stored. Python 3.11 standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import sys
import time
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_vocab as V  # noqa: E402

ID_ALPHABET = "klmnopqrstuvwxyz"  # casebook's id alphabet (src/entry/id.rs)

KIND_WEIGHTS = [
    ("diagnosis", 20.0), ("escalation", 18.0), ("qa", 17.0),
    ("postmortem", 8.0), ("approval", 8.0), ("handoff", 7.0), ("kb", 6.0),
    ("explore", 5.0), ("note", 5.0), ("proposal", 2.5), ("teach", 2.0),
    ("rating", 1.0), ("metric", 0.5),
]

DEFAULT_SKILL = {
    "diagnosis": "complex-case-diagnosis", "postmortem": "empathic-communication",
    "kb": "knowledge-base-specification", "escalation": "agent-escalation-tuning",
    "qa": "quality-sampling-judgment", "handoff": "hand-off-documentation",
    "explore": "cross-product-context", "proposal": "agent-escalation-tuning",
    "approval": "agent-escalation-tuning",
}

EXTRA_SKILLS = {
    "diagnosis": ["cross-product-context", "empathic-communication", "focus-and-follow-through"],
    "postmortem": ["adaptability", "complex-case-diagnosis", "self-care"],
    "kb": ["cross-product-context", "quality-sampling-judgment"],
    "escalation": ["quality-sampling-judgment", "knowledge-base-specification", "complex-case-diagnosis"],
    "qa": ["agent-escalation-tuning", "empathic-communication"],
    "handoff": ["cross-product-context", "focus-and-follow-through"],
    "explore": ["adaptability", "knowledge-base-specification"],
    "proposal": ["knowledge-base-specification", "quality-sampling-judgment", "goal-setting-and-accountability"],
    "approval": ["empathic-communication", "complex-case-diagnosis"],
    "note": ["self-care", "time-and-task-management", "focus-and-follow-through",
             "goal-setting-and-accountability", "adaptability"],
}

CASE_PROB = {"diagnosis": 0.97, "postmortem": 0.95, "escalation": 0.98,
             "qa": 1.0, "handoff": 0.95, "approval": 0.95, "kb": 0.25,
             "note": 0.12}

# How long a kind's body runs compared with the overall distribution.
BODY_SCALE = {"diagnosis": 1.12, "postmortem": 1.1, "kb": 1.1,
              "escalation": 0.98, "qa": 0.95, "handoff": 1.0,
              "approval": 0.95, "proposal": 1.1, "explore": 0.85,
              "teach": 0.8, "note": 0.65, "rating": 0.5, "metric": 0.35}

# Lognormal body length: median exp(MU) characters; clipped to the range.
BODY_MU = math.log(1270)
BODY_SIGMA = 0.58
BODY_MIN, BODY_MAX = 320, 4700

SCENARIO_WEIGHT = {"double-charge": 2.0, "refund-outside-window": 2.0,
                   "sso-misconfig": 1.8, "webhook-retry-storm": 1.6,
                   "data-export-timeout": 1.4, "api-rate-limits": 1.4,
                   "enterprise-renewal-risk": 1.3, "agent-wrong-promise": 1.3,
                   "push-notifications": 0.6, "payout-delay": 0.6,
                   "api-deprecation": 0.7, "webhook-signature": 0.8}

TITLE_WRAP = {
    "diagnosis": ["{t}", "{t}", "{t}", "{t}", "Diagnosis: {t}", "Predicting the cause: {t}",
                  "{t} (prediction)", "Hunch: {issue}", "What is behind {issue}?",
                  "{Issue} at {cust_short}", "{Issue} on the {plan} plan", "{Cust_short}: {issue}",
                  "{Issue}, a {month} case", "{Issue} with {integ} involved"],
    "postmortem": ["{t}", "{t}", "Post-mortem: {t}", "How we nearly lost {cust_short} over {issue}",
                   "Turning around {issue}", "{t}: what shifted it", "Almost lost {cust_short}",
                   "After the call: {issue}", "{Cust_short} nearly walked over {issue}",
                   "A hard call with {cust_short} about {issue}"],
    "escalation": ["Escalation: {t}", "{t}", "{t}", "Escalated by the agent: {issue}",
                   "Handover from the agent: {t}", "{Issue}: should the agent have kept it?",
                   "Agent escalation, {issue}", "{Cust_short}: {issue} escalated",
                   "Escalation from {cust_short}: {issue}", "Week {week} escalation: {issue}"],
    "qa": ["QA sample: {issue}", "QA: {t}", "Weekly QA sample: {issue}",
           "QA review of an agent reply about {issue}", "Sampled ticket: {t}", "QA: {issue}, {verdict_word}",
           "QA sample, week {week}: {issue}", "QA week {week}: {t}"],
    "handoff": ["Hand-off to {function_name}: {t}", "{t} (handed to {function_name})",
                "Handing {issue} over to {function_name}", "{function_name} hand-off: {issue}",
                "{function_name} needs to look at {issue} for {cust_short}"],
    "approval": ["Approval: {gate_name} for {cust_short}", "{Gate_name} decision: {t}",
                 "Approval gate, {gate_name}: {issue}", "{t} ({decision})", "{Decision}: {t}",
                 "{Gate_name} approval for {cust_short} ({amount})", "{Decision} {gate_name} request from {cust_short}"],
    "kb": ["KB draft: {kbq}", "{kbq}", "Article: {kbq}", "KB update: {issue}",
           "Help article on {issue}", "Rewriting the article on {issue}"],
    "explore": ["Exploring {area}", "{area}", "Explore: {area}", "An hour in {area}",
                "Sandbox time: {area}", "{area} ({minutes} min)", "Exploring {area}, week {week}"],
    "proposal": ["Proposal: {pr_title}", "Proposal: {pr_title}", "Proposal for '{pattern}'",
                 "Change request: {pr_title}"],
    "teach": ["Taught: {skill_name}", "Session on {issue} for {audience}",
              "Pairing with {colleague} on {issue}", "Guide: handling {issue}",
              "Teaching {skill_name} to {audience}", "{Skill_name} session, week {week}"],
    "rating": ["{Skill_name}: {level}", "Rating {skill_name} as {level}",
               "{Skill_name}, {rater_word} rating", "Where I stand on {skill_name}"],
    "metric": ["Helpdesk figures for {period}", "{period} outcome figures", "Metrics, {period}",
               "Quarterly numbers: {period}"],
}

TITLE_SUFFIXES = [
    " for {cust_short}", " on the {plan} plan", " in {region}", ", again",
    " (second time this month)", " after the {month} release", " on {day}",
    " for {cust_short} ({plan})", " with {integ} in the mix", ", {region} only",
    " ({tier} tier)", " before a {day} deadline", " during the {month} renewals",
]

PROPOSAL_TITLES = {
    "playbook": "let the agent handle {issue}",
    "escalation-rule": "escalate {issue} earlier",
    "kb-article": "an article on {issue}",
    "retraining-set": "retraining examples for {issue}",
    "handoff-template": "a better hand-off template for {issue}",
}

# Sections per kind: (headings, fixed keys, filler sources, style, min, grow).
# The first heading is the template's; the others are variants people type.
SECTIONS = {
    "diagnosis": [
        (["What the customer reported", "Symptoms", "What came in"], [],
         [("symptoms", 4), ("quotes", 1), ("context", 3), ("mood", 1)], "para", 2, 3),
        (["Why I think so", "Clues", "Reasoning"], ["prediction_line"],
         [("clues", 3), ("diag_why", 5), ("lt", 1.5), ("agent", 1)], "para", 2, 3),
        (["What would prove me wrong", "How to check"], [],
         [("diag_wrong", 1)], "bullets", 1, 1),
        (["What it actually was", "Resolution"], ["actual_line"],
         [("fixes", 2), ("diag_after", 2), ("lt", 0.5)], "para", 0, 1.5),
        (["Next time", "Lesson"], ["verdict_line"],
         [("diag_lessons", 1)], "para", 0, 0.8),
    ],
    "postmortem": [
        (["The paragraph", "What happened", "The story"], [],
         [("pm_paragraph", 5), ("symptoms", 2), ("mood", 2), ("context", 1.5), ("quotes", 1)], "para", 3, 4),
        (["The turning point", "What shifted it"], ["shifted"],
         [("pm_turning", 2), ("quotes", 0.5)], "para", 0, 1),
        (["Almost lost", "Where I nearly lost them"], ["near_loss"],
         [("pm_almost", 2), ("agent", 1)], "para", 0, 1),
        (["Phrases that worked", "Words that worked"], ["phrase_list"], [], "para", 0, 0),
        (["Next time", "For the library"], [],
         [("pm_next", 2), ("lt", 0.7)], "para", 1, 1),
    ],
    "kb": [
        (["Question", "The question", "What customers ask"], ["kbq_quote"],
         [("kb_question", 2), ("symptoms", 2), ("quotes", 0.5)], "para", 1, 1.5),
        (["Answer", "The answer"], ["fix_line"],
         [("kb_answer", 1)], "steps", 2, 2.5),
        (["When this does not apply", "Exceptions"], [],
         [("kb_not_apply", 1)], "bullets", 1, 1),
        (["Internal notes", "For specialists"], [],
         [("kb_internal", 3), ("lt", 1.5), ("agent", 1), ("clues", 1)], "para", 1, 2),
    ],
    "escalation": [
        (["What the agent did", "What the agent tried"], [],
         [("esc_agent_did", 3), ("agent", 2), ("symptoms", 2), ("mood", 1), ("context", 1.5)], "para", 2, 3),
        (["What a person added", "What I added"], [],
         [("esc_human", 3), ("fixes", 1.5), ("clues", 1), ("lt", 1)], "para", 1, 2),
        (["What would change it", "Playbook change"], [],
         [("esc_change", 2), ("lt", 0.5)], "para", 1, 1),
    ],
    "qa": [
        (["What the customer needed", "The need"], [],
         [("qa_needed", 2), ("symptoms", 2), ("mood", 1), ("context", 1)], "para", 1, 2),
        (["What the agent got right", "Strengths"], ["scores_line"],
         [("qa_right", 2), ("agent", 1)], "para", 1, 1.5),
        (["What the customer would never report", "The subtle part"], [],
         [("qa_never", 2), ("agent", 1), ("lt", 1)], "para", 1, 2),
        (["For retraining", "Retraining note"], [],
         [("qa_retrain", 1)], "para", 0, 0.7),
    ],
    "handoff": [
        (["The ask", "What I need"], [],
         [("ho_ask", 1)], "para", 1, 0.8),
        (["What we know", "Facts"], [],
         [("ho_know", 2), ("symptoms", 2), ("clues", 1.5), ("lt", 1), ("context", 1)], "bullets", 2, 2.5),
        (["What the customer has been told", "Promises made"], [],
         [("ho_told", 2), ("mood", 1)], "para", 1, 1.5),
        (["What they wished they had", "Feedback from the receiver"], ["feedback_line"],
         [("ho_wished", 1)], "para", 0, 0.8),
    ],
    "explore": [
        (["Why this area", "Why"], [],
         [("ex_why", 2)], "para", 1, 1),
        (["What I tried", "Hands-on"], [],
         [("ex_tried", 2), ("lt", 1)], "para", 1, 2),
        (["What I learned", "Learned"], [],
         [("ex_learned", 2), ("clues", 1), ("lt", 1)], "bullets", 1, 2),
        (["Open questions", "Next"], [],
         [("ex_open", 1)], "bullets", 1, 1),
    ],
    "proposal": [
        (["The pattern", "What keeps happening"], [],
         [("pr_pattern", 3), ("symptoms", 2), ("agent", 1.5), ("quotes", 0.5)], "para", 2, 3),
        (["The change", "What to change"], ["change_line"],
         [("pr_change", 1.5), ("esc_change", 1.5)], "para", 0, 1.5),
        (["The risk", "Risks"], [],
         [("pr_risk", 1), ("lt", 0.5)], "para", 1, 1),
        (["How we will know", "Measuring it"], ["status_line"],
         [("pr_know", 1)], "para", 1, 1),
    ],
    "approval": [
        (["The situation", "The request"], [],
         [("ap_situation", 2), ("symptoms", 2), ("context", 1.5), ("mood", 1), ("quotes", 0.5)], "para", 2, 2),
        (["The agent's proposal", "What the agent proposed"], ["agent_proposal_line", "why_line"],
         [("ap_why", 1.5), ("agent", 1), ("ap_fixes", 1)], "para", 0, 1.5),
        (["Beyond the policy text", "Judgment"], [],
         [("ap_beyond", 2), ("lt", 1), ("clues", 0.5)], "para", 1, 1.5),
    ],
    "teach": [
        (["What I taught", "The session"], ["taught_line"],
         [("te_detail", 3), ("ex_learned", 1), ("lt", 1)], "para", 1, 2),
        (["How it went", "How it landed"], [],
         [("te_went", 2)], "para", 1, 1),
        (["What I would change", "Next time"], [],
         [("te_change", 1)], "bullets", 1, 1),
    ],
    "note": [
        (["Note", "Notes", "Today"], [],
         [("note", 4), ("lt", 1), ("agent", 0.5)], "para", 2, 1),
    ],
    "rating": [
        (["Why this level", "Evidence"], [],
         [("ra_why", 2), ("lt", 0.5)], "para", 2, 1.5),
        (["What the next level would take", "Gap to the next level"], [],
         [("ra_next", 1)], "bullets", 1, 1),
    ],
    "metric": [
        (["Reading these figures", "Context"], ["metric_table"],
         [("me_reading", 1)], "para", 2, 1),
    ],
}

STATIC_POOLS = {
    "context": V.CONTEXT, "agent": V.AGENT, "mood": V.CUSTOMER_STATE,
    "lt": V.LONG_TAIL_CARRIERS,
    "diag_why": V.DIAG_WHY, "diag_wrong": V.DIAG_WRONG, "diag_after": V.DIAG_AFTER,
    "diag_lessons": V.DIAG_LESSONS,
    "pm_paragraph": V.PM_PARAGRAPH, "pm_turning": V.PM_TURNING, "pm_almost": V.PM_ALMOST,
    "pm_next": V.PM_NEXT,
    "kb_question": V.KB_QUESTION, "kb_answer": V.KB_ANSWER, "kb_not_apply": V.KB_NOT_APPLY,
    "kb_internal": V.KB_INTERNAL,
    "esc_agent_did": V.ESC_AGENT_DID, "esc_change": V.ESC_CHANGE,
    "qa_needed": V.QA_NEEDED, "qa_right": V.QA_RIGHT, "qa_never": V.QA_NEVER,
    "qa_retrain": V.QA_RETRAIN,
    "ho_know": V.HO_KNOW, "ho_told": V.HO_TOLD, "ho_wished": V.HO_WISHED,
    "ex_why": V.EX_WHY, "ex_tried": V.EX_TRIED, "ex_learned": V.EX_LEARNED, "ex_open": V.EX_OPEN,
    "pr_pattern": V.PR_PATTERN, "pr_risk": V.PR_RISK, "pr_know": V.PR_KNOW,
    "ap_situation": V.AP_SITUATION, "ap_beyond": V.AP_BEYOND,
    "te_went": V.TE_WENT, "te_detail": V.TE_DETAIL, "te_change": V.TE_CHANGE,
    "note": V.NOTE_POOL, "ra_why": V.RA_WHY, "ra_next": V.RA_NEXT, "me_reading": V.ME_READING,
}


# At most this many sentences from one pool in one body, so a long body does
# not pile up moods or asides.
POOL_CAP = {"mood": 2, "quotes": 2, "lt": 3, "context": 4, "agent": 3}


def cum(weights):
    out, total = [], 0.0
    for w in weights:
        total += w
        out.append(total)
    return out


def zipf_cum(n, s=1.05):
    return cum([1.0 / (r ** s) for r in range(1, n + 1)])


def slug(name):
    name = name.replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("ß", "ss")
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    out, dash = [], False
    for c in ascii_name.lower():
        if c.isalnum():
            out.append(c)
            dash = False
        elif out and not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def cap(s):
    return s[:1].upper() + s[1:] if s else s


class Slots(dict):
    """Slot values for str.format_map: preset per entry, or drawn on use."""

    __slots__ = ("gen",)

    def __missing__(self, key):
        if key[0].isupper():
            return cap(self[key[0].lower() + key[1:]])
        return self.gen.dynamic(key, self)


class Person:
    __slots__ = ("name", "first", "slug", "weight", "start", "end", "home", "team",
                 "lead", "mates", "recent", "recent_cases", "scen_cum")


class Generator:
    def __init__(self, seed, n_people, years, end):
        self.rng = random.Random(seed)
        self.id_rng = random.Random(f"casebook-corpus-ids-{seed}")
        self.used_ids = set()
        self.end = end
        try:
            self.start = end.replace(year=end.year - years)
        except ValueError:  # 29 February
            self.start = end.replace(year=end.year - years, day=28)
        self.span = (end - self.start).days
        self.kinds = [k for k, _ in KIND_WEIGHTS]
        self.kind_cum = cum([w for _, w in KIND_WEIGHTS])
        self.scenarios = V.SCENARIOS
        self.mood_cum = zipf_cum(len(V.MOODS), 1.1)
        self.lt_domains = list(V.LONG_TAIL)
        self.lt_cum = {d: zipf_cum(len(v), 1.1) for d, v in V.LONG_TAIL.items()}
        self.case_cum = cum([w for _, _, w in V.CASE_FORMATS])
        self.gate_scen = {}
        for g in V.GATE_NAMES:
            idx = [i for i, s in enumerate(self.scenarios) if g in s["gates"]]
            self.gate_scen[g] = (idx, cum([SCENARIO_WEIGHT.get(self.scenarios[i]["key"], 1.0) for i in idx]))
        self.pattern_recent = {}  # pattern -> recent escalation ids
        self.metric_seen = set()
        self.people = self.make_people(n_people)
        self.person_cum = cum([p.weight for p in self.people])

    # -- people ---------------------------------------------------------------
    def make_people(self, n):
        rng = self.rng
        people, seen = [], set()
        while len(people) < n:
            first = rng.choice(V.FIRST_NAMES)
            last = rng.choice(V.LAST_NAMES)
            name = f"{first} {last}"
            s = slug(name)
            if s in seen:
                if len(seen) < len(V.FIRST_NAMES) * len(V.LAST_NAMES) // 2:
                    continue
                k = 2
                while f"{s}-{k}" in seen:
                    k += 1
                s = f"{s}-{k}"
            seen.add(s)
            p = Person()
            p.name, p.first, p.slug = name, first, s
            p.weight = math.exp(rng.gauss(0, 0.25))
            p.start = 0 if rng.random() < 0.7 else rng.randrange(int(self.span * 0.6))
            if rng.random() < 0.15:
                lo = max(p.start + 365, int(self.span * 0.6))
                p.end = rng.randrange(lo, self.span) if lo < self.span else self.span
            else:
                p.end = self.span
            p.home = rng.sample(V.PRODUCTS, 2 + (rng.random() < 0.3))
            p.recent = []        # (id, kind, skills, case)
            p.recent_cases = []  # (case, id)
            w = []
            for sc in self.scenarios:
                base = SCENARIO_WEIGHT.get(sc["key"], 1.0)
                w.append(base * (3.0 if set(sc["products"]) & set(p.home) else 1.0))
            p.scen_cum = cum(w)
            people.append(p)
        team_size = 8
        for i, p in enumerate(people):
            t = i // team_size
            p.team = t
            members = people[t * team_size:(t + 1) * team_size]
            p.lead = members[0] if members[0] is not p or len(members) == 1 else (
                members[1] if len(members) > 1 else p)
            p.mates = [m for m in members if m is not p] or [p]
        return people

    # -- small draws ----------------------------------------------------------
    def pick_cum(self, items, cw):
        return self.rng.choices(items, cum_weights=cw)[0]

    def new_id(self):
        while True:
            v = self.id_rng.getrandbits(48)
            s = "".join(ID_ALPHABET[(v >> (4 * i)) & 15] for i in range(12))
            if s not in self.used_ids:
                self.used_ids.add(s)
                return s

    def amount(self):
        rng = self.rng
        v = math.exp(rng.uniform(math.log(9), math.log(25000)))
        if v < 100:
            v = round(v)
        elif v < 1000:
            v = round(v / 5) * 5
        else:
            v = round(v / 10) * 10
        return f"{rng.choice(V.CURRENCIES)}{v:,}"

    def case_ref(self, day):
        rng = self.rng
        prefix, digits, _ = self.pick_cum(V.CASE_FORMATS, self.case_cum)
        lo, hi = 10 ** (digits - 1), 10 ** digits - 1
        frac = day / max(self.span, 1)
        v = lo + int((frac * 0.85 + rng.random() * 0.15) * (hi - lo))
        return f"{prefix}{v}"

    def lt_term(self, domain):
        rng = self.rng
        if rng.random() > 0.7:
            domain = rng.choice(self.lt_domains)
        return self.pick_cum(V.LONG_TAIL[domain], self.lt_cum[domain])

    def dynamic(self, key, slots):
        rng = self.rng
        if key == "amount":
            return self.amount()
        if key == "n":
            return str(rng.randint(3, 40))
        if key == "n2":
            return str(rng.randint(2, 6))
        if key == "pct":
            return f"{rng.randint(3, 60)}%"
        if key == "dur":
            return rng.choice(V.DURATIONS)
        if key == "day":
            return rng.choice(V.WEEKDAYS)
        if key == "month":
            return rng.choice(V.MONTHS)
        if key == "region":
            return rng.choice(V.REGIONS)
        if key == "team":
            return rng.choice(V.TEAMS)
        if key == "agent":
            return rng.choice(V.AGENT_NAMES)
        if key == "os":
            return rng.choice(V.OS_VERSIONS)
        if key == "ver":
            return f"{rng.randint(3, 9)}.{rng.randint(0, 24)}.{rng.randint(0, 9)}"
        if key == "req":
            return f"`req_{rng.getrandbits(32):08x}`"
        if key == "tkt":
            return f"ENG-{rng.randint(1000, 48000)}"
        if key == "err":
            errs = slots["_scen"]["errs"] or V.GENERIC_ERRORS
            return rng.choice(errs)
        if key == "mood":
            return self.pick_cum(V.MOODS, self.mood_cum)
        if key == "lt":
            return self.lt_term(slots["_scen"]["domain"])
        if key == "colleague":
            return rng.choice(slots["_person"].mates).first
        if key == "other_issue":
            return rng.choice(rng.choice(self.scenarios)["issue"])
        if key == "tier":
            return rng.choice(V.TIERS)
        if key == "plan":
            return rng.choice(V.PLANS)
        raise KeyError(key)

    # -- dates ----------------------------------------------------------------
    def draw_times(self, n):
        rng = self.rng
        hours = list(range(7, 20))
        hour_cum = cum([1, 5, 9, 10, 10, 8, 9, 10, 10, 9, 6, 3, 1])
        out = []
        for _ in range(n):
            day = rng.randrange(self.span)
            wd = (self.start.toordinal() + day - 1) % 7  # 0 = Monday
            if wd >= 5 and rng.random() < 0.85:  # keep a little weekend work
                day = max(0, day - (wd - 4))
            minute = self.pick_cum(hours, hour_cum) * 60 + rng.randrange(60)
            out.append(day * 1440 + minute)
        out.sort()
        return out

    def person_for(self, day):
        for _ in range(50):
            p = self.pick_cum(self.people, self.person_cum)
            if p.start <= day < p.end:
                return p
        return self.people[0]

    def date_str(self, day):
        return (self.start + dt.timedelta(days=day)).isoformat()

    # -- entries --------------------------------------------------------------
    def entry(self, stamp):
        rng = self.rng
        day, minute = divmod(stamp, 1440)
        person = self.person_for(day)
        kind = self.pick_cum(self.kinds, self.kind_cum)
        if kind == "metric":
            d = self.start + dt.timedelta(days=day)
            q = (d.month - 1) // 3
            y, q = (d.year - 1, 4) if q == 0 else (d.year, q)
            period = f"{y}-Q{q}"
            if (person.slug, period) in self.metric_seen:
                kind = "note"
            else:
                self.metric_seen.add((person.slug, period))
        d = self.start + dt.timedelta(days=day)
        created = f"{d.isoformat()}T{minute // 60:02d}:{minute % 60:02d}:00Z"

        # Scenario
        gate = None
        if kind == "approval":
            gate = self.pick_cum(list(V.GATE_NAMES), cum([45, 25, 15, 15]))
            idx, cw = self.gate_scen[gate]
            scen = self.scenarios[self.pick_cum(idx, cw)]
        elif kind == "explore":
            scen = rng.choice(self.scenarios)
        else:
            scen = self.pick_cum(self.scenarios, person.scen_cum)

        s = Slots()
        s.gen = self
        cust, cust_short = rng.choice(V.CUSTOMERS)
        s.update({
            "_scen": scen, "_person": person, "cust": cust, "cust_short": cust_short,
            "contact": rng.choice(V.CONTACTS), "plan": rng.choice(V.PLANS),
            "integ": rng.choice(V.INTEGRATIONS), "idp": rng.choice(V.IDPS),
            "lead": person.lead.first, "colleague": rng.choice(person.mates).first,
            "week": str(d.isocalendar()[1]), "amount": self.amount(),
        })
        fill = self.filler(s)
        s["issue"] = fill(rng.choice(scen["issue"]))
        s["tier"] = "enterprise" if scen["key"] == "enterprise-renewal-risk" else rng.choice(V.TIERS)

        rec = {"kind": kind, "id": self.new_id(), "title": None, "body": None,
               "date": created, "person": person.slug}
        fields = {}
        links = []
        fixed = {}

        # Tags, products, skills
        tags = []
        st = scen["tags"]
        if rng.random() < 0.85:
            tags.append(st[0])
        for t in rng.sample(st[1:], min(len(st) - 1, rng.choice([0, 1, 1, 2, 2, 3]))):
            tags.append(t)
        if rng.random() < 0.12:
            g = rng.choice(V.GENERIC_TAGS)
            if g not in tags:
                tags.append(g)
        if not tags:
            tags.append(rng.choice(st))
        products = []
        sp = scen["products"]
        if rng.random() < 0.92:
            products.append(sp[0])
        if len(sp) > 1 and rng.random() < 0.45:
            products.append(rng.choice(sp[1:]))
        if rng.random() < 0.06:
            p = rng.choice(V.PRODUCTS)
            if p not in products:
                products.append(p)
        if not products:
            products.append(sp[-1])
        skills = []
        if kind in DEFAULT_SKILL:
            skills.append(DEFAULT_SKILL[kind])
        extra = EXTRA_SKILLS.get(kind)
        if extra and rng.random() < (0.5 if kind == "note" else 0.3):
            x = rng.choice(extra)
            if x not in skills:
                skills.append(x)

        # Case reference
        case = None
        if rng.random() < CASE_PROB.get(kind, 0.0):
            if person.recent_cases and rng.random() < 0.18 and kind != "qa":
                case, linked = rng.choice(person.recent_cases)
                links.append(linked)
            else:
                case = self.case_ref(day)
        s["case"] = case or ""

        # Kind fields and the fixed lines of the body
        getattr(self, "k_" + kind)(rec, fields, fixed, links, s, fill, scen, person, day, gate, skills)

        # Title
        s["t"] = fill(rng.choice(scen["titles"]))
        title = fill(rng.choice(TITLE_WRAP.get(kind, ["{t}"]))) if kind != "note" else self.note_title(s, fill)
        r = rng.random()
        if case and r < 0.22:
            title = f"{case}: {title}" if rng.random() < 0.6 else f"{title} ({case})"
        elif r < 0.45 and kind in ("diagnosis", "postmortem", "escalation", "qa", "handoff", "approval"):
            title += fill(rng.choice(TITLE_SUFFIXES))
        rec["title"] = cap(title)

        # Body
        target = math.exp(rng.gauss(BODY_MU, BODY_SIGMA)) * BODY_SCALE[kind]
        target = min(max(target, BODY_MIN), BODY_MAX)
        rec["body"] = self.body(kind, s, fill, fixed, scen, target)

        rec["tags"] = tags if kind not in ("rating", "metric") else ([] if rng.random() < 0.7 else tags[:1])
        if kind in ("rating", "metric"):
            products = [] if rng.random() < 0.7 else products[:1]
        if kind in ("note", "teach", "rating") and rng.random() < 0.4:
            products = []
        rec["skills"] = skills
        rec["products"] = products
        if case:
            rec["case"] = case
            if rng.random() < 0.5:
                rec["tier"] = s["tier"]
        if links:
            rec["links"] = list(dict.fromkeys(links))
        if kind in ("note", "postmortem", "rating") and rng.random() < 0.03:
            rec["private"] = True
        rec.update(fields)

        # Remember for later links
        person.recent.append((rec["id"], kind, skills, case))
        if len(person.recent) > 60:
            del person.recent[0]
        if case and kind != "qa":
            person.recent_cases.append((case, rec["id"]))
            if len(person.recent_cases) > 15:
                del person.recent_cases[0]
        return rec

    def filler(self, s):
        def fill(t):
            if "{" not in t:
                return t
            return t.format_map(s)
        return fill

    def note_title(self, s, fill):
        rng = self.rng
        r = rng.random()
        if r < 0.6:
            return rng.choice(V.NOTE_TITLES)
        if r < 0.8:
            return f"{rng.choice(V.NOTE_TITLES)}, week {s['week']}"
        return fill(rng.choice(["Thinking about {issue}", "A thought on {issue}",
                                "{Issue}, again", "Notes on {issue}"]))

    def days_after(self, day, lo, hi):
        """A date lo..hi days after `day`, or None when it would pass --end."""
        d = day + self.rng.randint(lo, hi)
        return d if d < self.span else None

    # -- kinds ----------------------------------------------------------------
    def k_diagnosis(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        causes = scen["causes"]
        i = rng.randrange(len(causes))
        conf = rng.choice([30, 40, 50, 55, 60, 65, 70, 70, 75, 80, 80, 85, 90, 95])
        s["cause"] = fill(causes[i])
        f["prediction"] = fill(rng.choice(V.PREDICTION_STEMS))
        f["confidence"] = conf
        fx["prediction_line"] = f"{f['prediction']} Confidence {conf}%."
        resolved = self.days_after(day, 0, 21)
        if resolved is None or rng.random() < 0.06:
            fx["verdict_line"] = fill(rng.choice(V.DIAG_NEXT["pending"]))
            fx["actual_line"] = "Not resolved yet."
            return
        p_hit = 0.2 + 0.5 * conf / 100
        r = rng.random()
        verdict = "hit" if r < p_hit else "partial" if r < p_hit + 0.22 else "unknown" if r < p_hit + 0.26 else "miss"
        if verdict == "hit":
            s["cause"] = fill(causes[i])
            actual = fill(rng.choice(V.ACTUAL_STEMS))
        elif verdict == "partial":
            j = rng.choice([k for k in range(len(causes)) if k != i])
            s["cause"], s["cause2"] = fill(causes[i]), fill(causes[j])
            actual = fill(rng.choice(V.ACTUAL_STEMS))[:-1] + ", " + fill(rng.choice(V.PARTIAL_TAILS))
        elif verdict == "miss":
            j = rng.choice([k for k in range(len(causes)) if k != i])
            s["cause"] = fill(causes[j])
            actual = fill(rng.choice(V.ACTUAL_STEMS))
        else:
            actual = "Never confirmed; the problem went away after the next release."
        f["actual"] = actual
        f["verdict"] = verdict
        f["resolved"] = self.date_str(resolved)
        fx["actual_line"] = actual
        fx["verdict_line"] = fill(rng.choice(V.DIAG_NEXT[verdict]))

    def k_postmortem(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        f["shifted"] = self.take(V.PM_TURNING, fx, fill)
        f["phrases"] = [fill(p) for p in rng.sample(V.PHRASES, rng.randint(1, 4))]
        f["phrase_context"] = fill(rng.choice(V.PHRASE_CONTEXT))
        f["near_loss"] = self.take(V.PM_ALMOST, fx, fill)
        start = rng.choices([1, 2, 3], [35, 45, 20])[0]
        f["sentiment_start"] = start
        f["sentiment_end"] = min(5, max(1, start + rng.choices([-1, 0, 1, 2, 3], [4, 10, 30, 40, 16])[0]))
        fx["shifted"] = f["shifted"]
        fx["near_loss"] = f["near_loss"]
        if rng.random() < 0.5:
            fx["phrase_list"] = ("bullets", [f"\"{p}\"" for p in f["phrases"]])
        d = self.linked(person, ("diagnosis", "escalation"), 0.3)
        if d:
            links.append(d)

    def k_kb(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        kbq = fill(rng.choice(scen["kbq"])) if scen["kbq"] else cap(fill("What to do about {issue}"))
        s["kbq"] = kbq
        status = rng.choices(["draft", "published", "retired"], [35, 55, 10])[0]
        f["status"] = status
        f["gap_case"] = self.case_ref(max(0, day - rng.randint(0, 60)))
        g = self.linked(person, ("diagnosis", "postmortem", "escalation", "qa"), 0.45)
        if g:
            f["gap_entry"] = g
            links.append(g)
        f["first_seen"] = self.date_str(max(0, day - rng.randint(0, 90)))
        f["review_interval_days"] = rng.choice([30, 60, 90, 90, 90, 180])
        f["search_terms"] = [fill(t) for t in rng.sample(scen["search"], min(len(scen["search"]), rng.randint(2, 4)))] \
            if scen["search"] else [s["issue"]]
        if status != "draft":
            pub = self.days_after(day, 1, 30)
            if pub is None:
                status = f["status"] = "draft"
            else:
                f["article_id"] = f"KB-{rng.randint(1000, 99999)}"
                f["published"] = self.date_str(pub)
                if status == "retired":
                    ret = self.days_after(pub, 60, 700)
                    if ret is None:
                        status = f["status"] = "published"
                    else:
                        f["retired"] = self.date_str(ret)
                last = pub + int((self.span - pub) * rng.random() ** 0.5)
                f["last_verified"] = self.date_str(min(last, self.span - 1))
                f["corrections"] = rng.choices([0, 1, 2, 3, 4], [45, 30, 15, 7, 3])[0]
                f["deflections"] = int(math.exp(rng.uniform(0, 6.2))) - 1
        if status == "draft" and rng.random() < 0.3:
            f["article_id"] = f"KB-{rng.randint(1000, 99999)}"
        fx["kbq_quote"] = ("quote", [kbq])
        fx["fix_line"] = self.take(scen["fixes"], fx, fill)

    def k_escalation(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        cat = rng.choices(["should-have-handled", "correctly-escalated", "correct-but-late"], [35, 45, 20])[0]
        trig_w = {"should-have-handled": [15, 25, 25, 10, 25], "correctly-escalated": [30, 20, 15, 25, 10],
                  "correct-but-late": [25, 35, 15, 15, 10]}[cat]
        f["category"] = cat
        f["trigger"] = rng.choices(["complexity", "sentiment", "rule", "stakes", "customer-asked"], trig_w)[0]
        f["reason"] = fill(rng.choice(V.ESC_REASON))
        if cat != "correctly-escalated" or rng.random() < 0.25:
            f["playbook_gap"] = fill(rng.choice(V.PLAYBOOK_GAP))
        pattern = rng.choice(scen["patterns"]) if rng.random() < 0.9 else rng.choice(
            ["handover-missing-context", "repeat-contact", "agent-loop", "policy-exception"])
        f["pattern"] = pattern
        s["_esc_cat"] = cat
        pr = self.pattern_recent.setdefault(pattern, [])
        pr.append(rec["id"])
        if len(pr) > 30:
            del pr[0]

    def k_qa(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        f["ticket"] = s["case"] or self.case_ref(day)
        w = [3, 7, 20, 40, 30]
        sc = {k: rng.choices([1, 2, 3, 4, 5], w)[0] for k in ("accuracy", "tone", "policy", "resolution")}
        crit = rng.random() < 0.05
        if crit:
            sc[rng.choice(list(sc))] = 1
        f.update(sc)
        missed = rng.random() < 0.07
        f["critical_fail"] = crit
        f["missed_escalation"] = missed
        flagged = rng.random() < (0.85 if crit or missed or min(sc.values()) <= 2 else 0.06)
        f["flagged"] = flagged
        if flagged:
            if self.span - day < 30:
                f["flag_status"] = "open"
            else:
                f["flag_status"] = rng.choices(["closed", "dismissed", "open"], [60, 25, 15])[0]
        s["verdict_word"] = "flagged" if flagged else "clean pass" if min(sc.values()) >= 4 else "minor notes"
        fx["scores_line"] = (f"Scores: accuracy {sc['accuracy']}, tone {sc['tone']}, policy {sc['policy']}, "
                             f"resolution {sc['resolution']}.")

    def k_handoff(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        fn = rng.choices(["engineering", "customer-success", "sales", "product", "other"], [45, 25, 10, 15, 5])[0]
        s["function_name"] = V.HANDOFF_FUNCTIONS[fn]
        s["_fn"] = fn
        f["function"] = fn
        f["summary"] = cap(s["issue"]) + " for " + s["cust_short"] + ". " + fill(rng.choice(V.HO_ASK[fn]))
        if rng.random() < 0.7:
            f["feedback"] = self.take(V.HO_WISHED, fx, fill)
            fx["feedback_line"] = f["feedback"]

    def k_explore(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        area = fill(rng.choice(scen["areas"]))
        s["area"] = area
        f["area"] = area
        f["minutes"] = rng.choice([15, 20, 30, 30, 45, 45, 60, 60, 60, 90, 120])
        s["minutes"] = str(f["minutes"])

    def k_proposal(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        target = rng.choices(list(PROPOSAL_TITLES), [35, 20, 25, 10, 10])[0]
        pattern = rng.choice(scen["patterns"])
        s["pattern"] = pattern
        s["_target"] = target
        s["pr_title"] = fill(PROPOSAL_TITLES[target])
        f["target"] = target
        f["pattern"] = pattern
        ev = self.pattern_recent.get(pattern) or [i for i, k, _, _ in person.recent if k == "escalation"]
        if ev:
            f["evidence"] = rng.sample(ev[-10:], min(len(ev[-10:]), rng.randint(2, 5)))
            links.extend(f["evidence"])
        status = "proposed"
        f["proposed"] = self.date_str(day)
        outcome = rng.choices(["accepted", "shipped", "rejected", "proposed"], [20, 45, 20, 15])[0]
        if outcome != "proposed":
            acc = self.days_after(day, 3, 30)
            if acc is not None and outcome == "rejected":
                status = "rejected"
                f["rejected"] = self.date_str(acc)
            elif acc is not None:
                status = "accepted"
                f["accepted"] = self.date_str(acc)
                if outcome == "shipped":
                    sh = self.days_after(acc, 7, 60)
                    if sh is not None:
                        status = "shipped"
                        f["shipped"] = self.date_str(sh)
        f["status"] = status
        prefix = {"playbook": "PB", "escalation-rule": "RULE", "kb-article": "KB",
                  "retraining-set": "RT", "handoff-template": "TPL"}[target]
        if status == "shipped" or (status == "accepted" and rng.random() < 0.4):
            f["change_ref"] = f"{prefix}-{rng.randint(100, 9999)}"
        s["change_ref"] = f.get("change_ref", "a playbook change")
        fx["change_line"] = self.take(V.PR_CHANGE[target], fx, fill)
        fx["status_line"] = fill(rng.choice(V.PR_STATUS_LINES[status]))

    def k_approval(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        decision = rng.choices(["approved", "amended", "rejected", "escalated"], [55, 20, 15, 10])[0]
        s["gate_name"] = V.GATE_NAMES[gate]
        s["decision"] = decision
        s["_decision"] = decision
        f["gate"] = gate
        f["decision"] = decision
        f["agent_proposal"] = fill(rng.choice(V.AP_AGENT[gate]))
        f["policy"] = rng.choice(V.AP_POLICY[gate])
        f["why"] = self.take(V.AP_WHY[decision], fx, fill)
        rev = decision != "escalated" and rng.random() < 0.04
        f["reversed"] = rev
        if rev:
            f["reversal"] = fill(rng.choice(V.REVERSALS))
        fx["agent_proposal_line"] = f["agent_proposal"]
        fx["why_line"] = f"Decision: {decision}. {f['why']}"

    def k_teach(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        skill = rng.choice(V.SKILLS[4:])
        skills.append(skill)
        s["skill_name"] = V.SKILL_NAMES[skill]
        fmt = rng.choices(["pairing", "session", "guide"], [40, 35, 25])[0]
        s["audience"] = rng.choice(V.AUDIENCES)
        f["format"] = fmt
        f["audience"] = s["audience"]
        f["minutes"] = {"pairing": rng.choice([30, 45, 60, 90]), "session": rng.choice([30, 45, 60]),
                        "guide": rng.choice([60, 90, 120, 180, 240])}[fmt]
        fx["taught_line"] = self.take(V.TE_TAUGHT, fx, fill)

    def k_note(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        pass

    def k_rating(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        skill = rng.choice(V.SKILLS)
        tenure = (day - person.start) / max(1, self.span)
        level = rng.choices(["rookie", "pro", "master"],
                            [max(0.05, 0.6 - tenure), 0.5, max(0.05, tenure - 0.2)])[0]
        rater = rng.choice(V.RATERS)
        skills.append(skill)
        f["skill"] = skill
        f["level"] = level
        f["rater"] = rater
        f["rater_name"] = {"self": person.name, "lead": person.lead.name,
                           "peer": rng.choice(person.mates).name}[rater]
        ev = [i for i, _, sk, _ in person.recent if skill in sk] or [i for i, _, _, _ in person.recent]
        if ev:
            f["evidence"] = rng.sample(ev[-12:], min(len(ev[-12:]), rng.randint(1, 4)))
            links.extend(f["evidence"])
        s["skill_name"] = V.SKILL_NAMES[skill]
        s["level"] = level
        s["rater_word"] = {"self": "self", "lead": "lead", "peer": "peer"}[rater]

    def k_metric(self, rec, f, fx, links, s, fill, scen, person, day, gate, skills):
        rng = self.rng
        d = self.start + dt.timedelta(days=day)
        q = (d.month - 1) // 3
        y, q = (d.year - 1, 4) if q == 0 else (d.year, q)
        f["period"] = f"{y}-Q{q}"
        s["period"] = f["period"]
        f["csat"] = round(rng.uniform(78, 98.5), 1)
        f["csat_n"] = rng.randint(15, 220)
        f["reopen_rate"] = round(rng.uniform(2, 14), 1)
        f["fcr"] = round(rng.uniform(55, 88), 1)
        f["qa_score"] = round(rng.uniform(70, 97), 1)
        f["cases_handled"] = rng.randint(120, 900)
        f["source"] = rng.choice(V.METRIC_SOURCES)
        fx["metric_table"] = ("raw", [
            "| figure | value |", "| --- | --- |",
            f"| CSAT | {f['csat']} (n={f['csat_n']}) |",
            f"| re-open rate | {f['reopen_rate']}% |",
            f"| first-contact resolution | {f['fcr']}% |",
            f"| QA score | {f['qa_score']} |",
            f"| cases handled | {f['cases_handled']} |",
        ])

    def take(self, pool, fx, fill):
        """A filled sentence for a field or fixed line; the body will not repeat it."""
        t = self.rng.choice(pool)
        fx.setdefault("_used", []).append(t)
        return fill(t)

    def linked(self, person, kinds, p):
        if self.rng.random() >= p:
            return None
        ids = [i for i, k, _, _ in person.recent[-20:] if k in kinds]
        return self.rng.choice(ids) if ids else None

    # -- body -----------------------------------------------------------------
    def pool(self, key, s, scen):
        if key in STATIC_POOLS:
            return STATIC_POOLS[key]
        if key in ("symptoms", "fixes", "quotes", "clues"):
            return scen[key]
        if key == "ap_fixes":
            return scen["fixes"] if s["_decision"] in ("approved", "amended") else []
        if key == "esc_human":
            return V.ESC_HUMAN_ADDED[s["_esc_cat"]]
        if key == "ho_ask":
            return V.HO_ASK[s["_fn"]]
        if key == "pr_change":
            return V.PR_CHANGE[s["_target"]]
        if key == "ap_why":
            return V.AP_WHY[s["_decision"]]
        raise KeyError(key)

    def body(self, kind, s, fill, fixed, scen, target):
        rng = self.rng
        specs = SECTIONS[kind]
        used = set(fixed.get("_used", ()))
        secs = []
        length = 0
        for headings, fixed_keys, sources, style, mn, grow in specs:
            items = []
            for k in fixed_keys:
                v = fixed.get(k)
                if v is None:
                    continue
                if isinstance(v, str):
                    v = ("para", [v])
                items.append(v)
                length += sum(len(x) + 2 for x in v[1])
            if not items and not sources:
                continue  # e.g. phrase list not chosen
            h = headings[0] if rng.random() < 0.85 else rng.choice(headings[1:])
            length += len(h) + 5
            pools = [(k, self.pool(k, s, scen), w) for k, w in sources]
            secs.append({"h": h, "items": items, "sents": [], "pools": pools,
                         "pcum": cum([w for _, _, w in pools]), "style": style, "min": mn,
                         "grow": grow, "dead": not pools})

        counts = {}

        def add(sec):
            for _ in range(6):
                key, pool, _ = rng.choices(sec["pools"], cum_weights=sec["pcum"])[0]
                if not pool or counts.get(key, 0) >= POOL_CAP.get(key, 99):
                    continue
                t = rng.choice(pool)
                if t in used:
                    continue
                used.add(t)
                counts[key] = counts.get(key, 0) + 1
                text = fill(t)
                sec["sents"].append(text)
                return len(text) + 1
            return 0

        for sec in secs:
            for _ in range(sec["min"]):
                if not sec["dead"]:
                    length += add(sec)
        live = [sec for sec in secs if not sec["dead"]]
        gcum = cum([sec["grow"] for sec in live])
        misses = 0
        while length < target and live and misses < 30:
            sec = rng.choices(live, cum_weights=gcum)[0]
            n = add(sec)
            if n:
                length += n
                misses = 0
            else:
                misses += 1
        for p, sentence in V.RARE_SENTENCES:
            if rng.random() < p and secs:
                rng.choice(secs)["sents"].append(sentence)

        lead = fill(rng.choice(V.CONTEXT)) if rng.random() < 0.12 and kind not in ("metric", "note") else None
        no_headings = kind == "note" and rng.random() < 0.5 or rng.random() < 0.03
        text = self.render(secs, lead, no_headings)
        size = len(text.encode("utf-8"))
        if size < BODY_MIN:
            ctx = [t for t in V.CONTEXT if t not in used]
            rng.shuffle(ctx)
            extra = []
            while size < BODY_MIN + 10 and ctx:
                extra.append(fill(ctx.pop()))
                size += len(extra[-1]) + 1
            secs[-1]["sents"].extend(extra)
            text = self.render(secs, lead, no_headings)
        while len(text.encode("utf-8")) > 4990:
            big = max(secs, key=lambda x: len(x["sents"]))
            if not big["sents"]:
                break
            big["sents"].pop()
            text = self.render(secs, lead, no_headings)
        return text

    def render(self, secs, lead, no_headings):
        rng = self.rng
        out = []
        if lead:
            out.append(lead)
        for sec in secs:
            if not sec["items"] and not sec["sents"]:
                continue
            if not no_headings:
                out.append("## " + sec["h"])
            for style, lines in sec["items"]:
                if style == "quote":
                    out.append("\n".join("> " + x for x in lines))
                elif style == "raw":
                    out.append("\n".join(lines))
                elif style == "bullets":
                    out.append("\n".join("- " + x for x in lines))
                else:
                    out.append(" ".join(lines))
            sents = sec["sents"]
            if not sents:
                continue
            style = sec["style"]
            if style == "bullets" and not no_headings:
                out.append("\n".join("- " + x for x in sents[:6]))
                if sents[6:]:
                    out.append(" ".join(sents[6:]))
            elif style == "steps" and not no_headings:
                out.append("\n".join(f"{i}. {x}" for i, x in enumerate(sents, 1)))
            else:
                i = 0
                while i < len(sents):
                    k = rng.randint(2, 4)
                    out.append(" ".join(sents[i:i + k]))
                    i += k
        return "\n\n".join(out) + "\n"


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate a casebook benchmark corpus (JSON Lines for `casebook import`).")
    ap.add_argument("--entries", "-n", type=int, required=True, help="number of entries to write")
    ap.add_argument("--seed", type=int, required=True, help="random seed; same arguments give the same bytes")
    ap.add_argument("--people", type=int, default=50, help="number of people (default 50)")
    ap.add_argument("--years", type=int, default=5, help="years of history ending at --end (default 5)")
    ap.add_argument("--end", default="2026-11-01", help="last day of the history, exclusive (default 2026-11-01)")
    ap.add_argument("--no-ids", action="store_true",
                    help="leave out entry ids and the links/evidence that need them (casebook then makes ids)")
    ap.add_argument("-o", "--output", required=True, help="output file (JSON Lines); '-' for stdout")
    ap.add_argument("-q", "--quiet", action="store_true", help="no summary on stderr")
    a = ap.parse_args(argv)
    if a.entries < 0 or a.people < 1 or a.years < 1:
        ap.error("--entries must be >= 0, --people and --years >= 1")
    try:
        end = dt.date.fromisoformat(a.end)
    except ValueError:
        ap.error(f"--end {a.end!r} is not a date (YYYY-MM-DD)")

    t0 = time.perf_counter()
    g = Generator(a.seed, a.people, a.years, end)
    stamps = g.draw_times(a.entries)
    out = sys.stdout if a.output == "-" else open(a.output, "w", encoding="utf-8", newline="\n")
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    body_total = 0
    buf = []
    for st in stamps:
        rec = g.entry(st)
        body_total += len(rec["body"].encode("utf-8"))
        if a.no_ids:
            rec.pop("id", None)
            rec.pop("links", None)
            rec.pop("evidence", None)
            rec.pop("gap_entry", None)
        buf.append(dumps(rec))
        if len(buf) >= 2000:
            out.write("\n".join(buf) + "\n")
            buf.clear()
    if buf:
        out.write("\n".join(buf) + "\n")
    if out is not sys.stdout:
        out.close()
    if not a.quiet:
        n = max(a.entries, 1)
        print(f"wrote {a.entries} entries ({len(g.people)} people, {g.start} to {end}) to {a.output} "
              f"in {time.perf_counter() - t0:.1f} s; mean body {body_total / n:.0f} bytes",
              file=sys.stderr)


if __name__ == "__main__":
    main()
