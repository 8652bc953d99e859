"""The demo company: Kestrel Foods, a Warsaw food producer, and half a year of its requests.

`manage.py load_demo` (run by `make demo`) calls `build_demo`. The data lives in plain lists of
dicts below, so translations can sit next to each string (`name_pl`, `description_pl`); the
builders turn them into rows with bulk_create, one function per part (`build_organisation`,
`build_requests`, `build_feedback`, `build_subscriptions`), each returning what it created so
later parts can build on it. Last, `compute_reports` stores the report cells of the whole history,
as the nightly task would have. Teams serve differently (LEVELS), so the reports have something
to show: IT is quick and well liked, Facilities slow and criticised.

Deterministic: every random choice comes from `random.Random` seeded with the seed and the part's
name, and every date is relative to an anchor: midnight (Europe/Warsaw) at the start of "today",
or of the date passed in. So the same seed on the same day gives the same data, while the demo
always looks current. Nothing in the history is later than the anchor.

The demo's rows are recognised by the company's email domain: people's addresses and the
departments' contact addresses end in @kestrel.example; the admin's address marks a loaded demo.
"""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Model, Q
from django.utils import translation

from departments import calendar
from departments.calendar import WorkingCalendar, add_business_time, business_time_between
from departments.models import (
    ClientType,
    Department,
    Employee,
    FieldKind,
    Holiday,
    Membership,
    Role,
    Service,
    ServiceField,
    WorkingHours,
)
from desk.models import Attachment, Event, EventKind, Priority, Request, Status
from feedback import periods, report_email, reports
from feedback.models import Feedback, ReportCell, ReportSubscription, StaleCell
from feedback.periods import PeriodKind

DOMAIN = "kestrel.example"
ADMIN_EMAIL = f"admin@{DOMAIN}"
PASSWORD = "desk-demo-2026"
DEFAULT_SEED = 2026
REQUEST_COUNT = 600
HISTORY_DAYS = 182
TIME_ZONE = "Europe/Warsaw"
TZ = ZoneInfo(TIME_ZONE)
OFFICE_OPENS, OFFICE_CLOSES = time(8), time(16)

# --- words that fill the {placeholders} of the texts below -----------------------------------

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
CUSTOMERS = [
    "Polmarket",
    "Zielony Koszyk",
    "Delikatesy Centrum Smaku",
    "NordRetail",
    "Hotele Bałtyk",
    "Kawiarnie Ziarno",
    "EkoSklep",
    "Bistro Express",
]
SUPPLIERS = [
    "Packmar Sp. z o.o.",
    "Druk-Express",
    "CleanPro Serwis",
    "Smaczna Chwila Catering",
    "TransLog",
    "Lingua Translations",
    "Expo-Stand",
]
CITIES = ["Kraków", "Wrocław", "Gdańsk", "Poznań", "Łódź", "Katowice", "Lublin", "Szczecin"]
ROOMS = ["Wisła", "Odra", "Warta", "Narew"]
NEW_HIRES = [
    "Oliwia Kubacka",
    "Szymon Walczak",
    "Laura Nowacka",
    "Igor Sobolewski",
    "Amelia Zalewska",
    "Tymon Jaworski",
    "Lucy Morgan",
    "Nikola Gajewska",
]
POSITIONS = [
    "Sales Representative",
    "Accountant",
    "Data Analyst",
    "Customer Service Specialist",
    "Graphic Designer",
    "Warehouse Coordinator",
    "Recruiter",
    "Key Account Manager",
]
HOURS = ["9:00", "10:30", "11:00", "13:00", "14:30"]
COST_CENTRES = [
    "100 Management",
    "200 Sales",
    "300 Marketing",
    "400 Customer Service",
    "500 IT",
    "600 HR",
    "700 Finance",
    "800 Facilities",
    "900 Legal and Analytics",
]
ROOM_CHOICES = ["Wisła (12 seats)", "Odra (8 seats)", "Warta (6 seats)", "Canteen (60 seats)"]
# The same options in Polish, line for line: answers store the English option.
COST_CENTRES_PL = [
    "100 Zarząd",
    "200 Sprzedaż",
    "300 Marketing",
    "400 Obsługa Klienta",
    "500 IT",
    "600 HR",
    "700 Finanse",
    "800 Administracja",
    "900 Prawny i Analityka",
]
ROOM_CHOICES_PL = [
    "Wisła (12 miejsc)",
    "Odra (8 miejsc)",
    "Warta (6 miejsc)",
    "Stołówka (60 miejsc)",
]

# --- the organisation -----------------------------------------------------------------------------
# Field specs: label, kind, required, help, options (choice), samples (text: one is drawn,
# {placeholders} allowed), range (number: low, high[, step]). Date fields answer with the
# request's {date}. Service samples: (title, description[, {field label: fixed answer}]).
# label_pl, help_pl and options_pl (line for line with options) are what Polish pages show.

DEPARTMENTS: list[dict[str, Any]] = [
    {
        "code": "IT",
        "slug": "it",
        "name": "IT",
        "name_pl": "IT",
        "description": "Computers, phones, accounts, access and software, and whatever stops "
        "working. Locked accounts are unlocked around the clock.",
        "description_pl": "Komputery, telefony, konta, uprawnienia i oprogramowanie oraz "
        "wszystko, co przestało działać. Zablokowane konta odblokowujemy całą dobę.",
        "contact_email": f"it@{DOMAIN}",
        "services": [
            {
                "slug": "account-locked",
                "name": "Account locked / password reset",
                "name_pl": "Zablokowane konto / reset hasła",
                "description": "We unlock your account or set a temporary password, day and "
                "night, weekends included. What to prepare: which system is affected and a phone "
                "number; we confirm who you are by calling you back, never by email.",
                "description_pl": "Odblokujemy konto lub ustawimy hasło tymczasowe, całą dobę, "
                "także w weekendy. Przygotuj: informację, którego systemu dotyczy problem, i numer "
                "telefonu; tożsamość potwierdzamy, oddzwaniając, nigdy e-mailem.",
                "target_hours": 4,
                "around_the_clock": True,
                "weight": 6,
                "fields": [
                    {
                        "label": "System",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "System",
                        "options_pl": [
                            "Logowanie do Windows",
                            "Poczta (Microsoft 365)",
                            "ERP (SAP)",
                            "CRM",
                            "VPN",
                        ],
                        "required": True,
                        "options": [
                            "Windows login",
                            "Email (Microsoft 365)",
                            "ERP (SAP)",
                            "CRM",
                            "VPN",
                        ],
                    },
                    {
                        "label": "Phone number to call you back",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Numer telefonu do oddzwonienia",
                        "help_pl": "Oddzwonimy, żeby potwierdzić, że to Ty.",
                        "required": True,
                        "help": "We call back to confirm it is you.",
                        "samples": ["{phone}"],
                    },
                ],
                "samples": [
                    (
                        "Locked out of Windows after my holiday",
                        "Two weeks off and I typed my old password too many times. The laptop "
                        "now says the account is locked.",
                        {"System": "Windows login"},
                    ),
                    (
                        "Can't log in to SAP",
                        "SAP says my password has expired and rejects every new one I try. I "
                        "need to post deliveries today.",
                        {"System": "ERP (SAP)"},
                    ),
                    (
                        "Outlook on my phone keeps asking for the password",
                        "Email on my phone stopped syncing and rejects my password; the laptop "
                        "works fine.",
                        {"System": "Email (Microsoft 365)"},
                    ),
                    (
                        "VPN rejects my password",
                        "I'm working from {city} this week; since this morning the VPN client "
                        "says authentication failed.",
                        {"System": "VPN"},
                    ),
                    (
                        "CRM account locked",
                        "Got locked out of the CRM while preparing an offer for {customer}. The "
                        "offer is due today.",
                        {"System": "CRM"},
                    ),
                ],
            },
            {
                "slug": "new-laptop",
                "name": "New laptop or workstation",
                "name_pl": "Nowy laptop lub stanowisko komputerowe",
                "description": "A laptop or desktop set up with your accounts, email, VPN and the "
                "standard software, ready on the first day. What to prepare: who it is for, when "
                "they need it, and whether they need a performance model (design or data work). "
                "We collect the old device when we hand over the new one.",
                "description_pl": "Laptop lub komputer stacjonarny skonfigurowany z kontami, "
                "pocztą, VPN i standardowym oprogramowaniem, gotowy od pierwszego dnia. "
                "Przygotuj: dla kogo jest sprzęt, na kiedy jest potrzebny i czy potrzebny jest "
                "model o wyższej wydajności (grafika, praca z danymi). Stary sprzęt odbieramy przy "
                "wydaniu nowego.",
                "target_hours": 24,
                "weight": 4,
                "fields": [
                    {
                        "label": "Who is it for",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Dla kogo",
                        "help_pl": "Imię i nazwisko osoby, która będzie z niego korzystać.",
                        "required": True,
                        "help": "Full name of the person who will use it.",
                        "samples": ["{me}"],
                    },
                    {
                        "label": "Needed by",
                        "kind": FieldKind.DATE,
                        "required": True,
                        "label_pl": "Na kiedy",
                    },
                    {
                        "label": "Model",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Model",
                        "options_pl": [
                            'Standardowy laptop (14")',
                            'Wydajny laptop (16")',
                            "Komputer stacjonarny",
                        ],
                        "required": True,
                        "options": [
                            'Standard laptop (14")',
                            'Performance laptop (16")',
                            "Desktop workstation",
                        ],
                    },
                    {
                        "label": "Accessories",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Akcesoria",
                        "samples": [
                            "Docking station and a second monitor.",
                            "A headset for Teams calls.",
                            "Nothing extra, thanks.",
                        ],
                    },
                ],
                "samples": [
                    (
                        "Laptop for {newhire}, starting {date}",
                        "{newhire} joins our team on {date}. Standard setup please, with access "
                        "to the team's shared folder and Teams channels.",
                        {"Who is it for": "{newhire}", "Model": 'Standard laptop (14")'},
                    ),
                    (
                        "Replacement laptop: battery lasts under an hour",
                        "My laptop is three years old, dies after about 50 minutes on battery and "
                        "gets very hot on video calls. Could I get a replacement?",
                    ),
                    (
                        "Performance laptop for data work",
                        "I work with large Excel models and Power BI every day and the current "
                        'machine freezes for minutes at a time. I would need a 16" model with '
                        "more memory.",
                        {"Model": 'Performance laptop (16")'},
                    ),
                    (
                        "Workstation for the new reception desk",
                        "The reception desk on floor {floor} needs a desktop computer with the "
                        "label printer connected.",
                        {"Who is it for": "Reception", "Model": "Desktop workstation"},
                    ),
                ],
            },
            {
                "slug": "software",
                "name": "Software installation or licence",
                "name_pl": "Instalacja oprogramowania lub licencja",
                "description": "Approved software installed on your computer, or a licence bought "
                "for you. What to prepare: the name of the software, why you need it, and how "
                "many licences. Software outside the approved list needs your manager's approval "
                "in the request.",
                "description_pl": "Instalacja zatwierdzonego oprogramowania lub zakup licencji. "
                "Przygotuj: nazwę programu, uzasadnienie oraz liczbę licencji. Programy spoza "
                "zatwierdzonej listy wymagają akceptacji przełożonego w treści zgłoszenia.",
                "target_hours": 16,
                "weight": 4,
                "fields": [
                    {
                        "label": "Software",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Oprogramowanie",
                        "required": True,
                        "samples": ["Adobe Acrobat Pro", "Power BI Desktop", "Visio", "Miro"],
                    },
                    {
                        "label": "Number of licences",
                        "kind": FieldKind.NUMBER,
                        "range": (1, 3),
                        "label_pl": "Liczba licencji",
                    },
                    {
                        "label": "Business reason",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Uzasadnienie biznesowe",
                        "samples": [
                            "Needed for daily work with customers' documents.",
                            "Our team's process depends on it from next month.",
                        ],
                    },
                ],
                "samples": [
                    (
                        "Adobe Acrobat Pro to edit contracts",
                        "I fill in and sign PDF contracts from customers; the free reader does "
                        "not allow editing.",
                        {"Software": "Adobe Acrobat Pro"},
                    ),
                    (
                        "Power BI Desktop for our team",
                        "Three of us would like to build our own reports on the sales dataset.",
                        {"Software": "Power BI Desktop", "Number of licences": 3},
                    ),
                    (
                        "Visio for process diagrams",
                        "I'm documenting the complaint process for the ISO audit and need Visio "
                        "for a few weeks.",
                        {"Software": "Visio"},
                    ),
                    (
                        "Miro licence for workshops",
                        "We run planning workshops with {customer} and need a paid Miro board to "
                        "keep the boards after the session.",
                        {"Software": "Miro"},
                    ),
                ],
            },
            {
                "slug": "access",
                "name": "Access to a system or shared folder",
                "name_pl": "Dostęp do systemu lub folderu współdzielonego",
                "description": "Access to a business system (ERP, CRM, Power BI) or a shared "
                "folder, at the level you need. What to prepare: the system or folder, the access "
                "level, and a colleague who already has the same access if you know one. Access "
                "to finance and HR data needs the data owner's approval, which we ask for.",
                "description_pl": "Dostęp do systemu (ERP, CRM, Power BI) lub folderu "
                "współdzielonego na potrzebnym poziomie. Przygotuj: nazwę systemu lub folderu, "
                "poziom dostępu oraz osobę, która ma już taki sam dostęp, jeśli ją znasz. Dostęp "
                "do danych finansowych i kadrowych wymaga zgody właściciela danych; poprosimy o "
                "nią za Ciebie.",
                "target_hours": 8,
                "weight": 5,
                "fields": [
                    {
                        "label": "System or folder",
                        "kind": FieldKind.TEXT,
                        "label_pl": "System lub folder",
                        "required": True,
                        "samples": [
                            r"\\files\sales\offers",
                            "CRM: key accounts",
                            "SAP: sales orders (SD)",
                            "Power BI workspace Sales",
                        ],
                    },
                    {
                        "label": "Access level",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Poziom dostępu",
                        "options_pl": ["Tylko odczyt", "Odczyt i zapis", "Administrator"],
                        "required": True,
                        "options": ["Read only", "Read and write", "Administrator"],
                    },
                    {
                        "label": "Same access as",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Taki sam dostęp jak",
                        "help_pl": "Osoba, która ma już potrzebny Ci dostęp, jeśli znasz taką.",
                        "help": "A colleague who already has the access you need, if you know one.",
                        "samples": ["{person}"],
                    },
                    {"label": "Needed from", "kind": FieldKind.DATE, "label_pl": "Od kiedy"},
                ],
                "samples": [
                    (
                        "Access to the Offers folder",
                        "I'm taking over two key accounts from {person} and need the customer "
                        "offers folder.",
                        {"System or folder": r"\\files\sales\offers", "Same access as": "{person}"},
                    ),
                    (
                        "CRM access for a new team member",
                        "{newhire} started on Monday and can't see any customers in the CRM.",
                        {"System or folder": "CRM: key accounts"},
                    ),
                    (
                        "Read access to the Sales workspace in Power BI",
                        "I'd like to open the weekly sales dashboard myself instead of asking for "
                        "screenshots.",
                        {
                            "System or folder": "Power BI workspace Sales",
                            "Access level": "Read only",
                        },
                    ),
                    (
                        "SAP access to create sales orders",
                        "From {date} I cover order entry while {person} is on leave.",
                        {
                            "System or folder": "SAP: sales orders (SD)",
                            "Access level": "Read and write",
                        },
                    ),
                ],
            },
            {
                "slug": "vpn",
                "name": "VPN and remote work setup",
                "name_pl": "VPN i konfiguracja pracy zdalnej",
                "description": "VPN on your company laptop or phone so you can work from home or "
                "while travelling, plus a short remote session to check that it works. What to "
                "prepare: which device, and the country you'll work from if it's outside Poland "
                "(some systems block foreign connections until we allow them).",
                "description_pl": "VPN na służbowym laptopie lub telefonie, aby pracować z domu lub "
                "w podróży, oraz krótka sesja zdalna sprawdzająca, że wszystko działa. Przygotuj: "
                "informację o urządzeniu oraz kraj, z którego będziesz pracować, jeśli to nie "
                "Polska (niektóre systemy blokują połączenia z zagranicy, dopóki ich nie "
                "odblokujemy).",
                "target_hours": 8,
                "weight": 3,
                "fields": [
                    {
                        "label": "Device",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Urządzenie",
                        "options_pl": [
                            "Laptop służbowy",
                            "Telefon służbowy",
                            "Urządzenie prywatne",
                        ],
                        "required": True,
                        "options": ["Company laptop", "Company phone", "Private device"],
                    },
                    {
                        "label": "Country you will work from",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Kraj, z którego będziesz pracować",
                        "samples": ["Poland"],
                    },
                ],
                "samples": [
                    (
                        "VPN on my new laptop",
                        "I got a new laptop last week and the VPN client isn't installed.",
                        {"Device": "Company laptop"},
                    ),
                    (
                        "Working from Spain for two weeks",
                        "I'll work remotely from Valencia from {date}. Please make sure the VPN "
                        "and SAP work from there.",
                        {"Device": "Company laptop", "Country you will work from": "Spain"},
                    ),
                    (
                        "VPN disconnects every few minutes at home",
                        "At home the VPN drops every 5 to 10 minutes and Teams calls break up. "
                        "My home internet is otherwise fine.",
                        {"Device": "Company laptop"},
                    ),
                    (
                        "Email and VPN on my company phone",
                        "New company phone; I'd like email and VPN set up on it.",
                        {"Device": "Company phone"},
                    ),
                ],
            },
            {
                "slug": "incident",
                "name": "Something is broken (IT incident)",
                "name_pl": "Coś nie działa (awaria IT)",
                "description": "We fix what stopped working: email, ERP, CRM, printers, network, "
                "phones. What to prepare: what you were doing, the exact error message or a "
                "screenshot, and how many people are affected. If a whole team can't work, choose "
                "the Urgent priority and we will call you.",
                "description_pl": "Naprawimy to, co przestało działać: pocztę, ERP, CRM, drukarki, "
                "sieć, telefony. Przygotuj: co robiłeś/-aś, dokładny komunikat błędu lub zrzut "
                "ekranu i liczbę osób, których to dotyczy. Jeśli cały zespół nie może pracować, "
                "wybierz priorytet Pilny, a oddzwonimy.",
                "target_hours": 8,
                "weight": 7,
                "fields": [
                    {
                        "label": "Affected system",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Którego systemu dotyczy",
                        "options_pl": [
                            "Poczta",
                            "ERP (SAP)",
                            "CRM",
                            "Drukarka",
                            "Sieć / Wi-Fi",
                            "Telefon",
                            "Inne",
                        ],
                        "required": True,
                        "options": [
                            "Email",
                            "ERP (SAP)",
                            "CRM",
                            "Printer",
                            "Network / Wi-Fi",
                            "Phone",
                            "Other",
                        ],
                    },
                    {
                        "label": "People affected",
                        "kind": FieldKind.NUMBER,
                        "range": (1, 12),
                        "label_pl": "Liczba osób, których dotyczy",
                    },
                    {
                        "label": "Error message",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Komunikat błędu",
                        "help_pl": "Przepisz go dokładnie albo dołącz zrzut ekranu.",
                        "help": "Copy it exactly, or attach a screenshot.",
                        "samples": [
                            "“Connection timed out”",
                            "No message, the screen just freezes.",
                            "“Your session has expired” every few minutes.",
                        ],
                    },
                ],
                "samples": [
                    (
                        "Printer on floor {floor} prints blank pages",
                        "The big printer by the kitchen prints blank pages since this morning. "
                        "The toner shows as full.",
                        {"Affected system": "Printer"},
                    ),
                    (
                        "SAP very slow since the morning",
                        "Posting a delivery takes two to three minutes instead of seconds. The "
                        "whole warehouse team is affected.",
                        {"Affected system": "ERP (SAP)", "People affected": 9},
                    ),
                    (
                        "No Wi-Fi in meeting room {room}",
                        "Laptops don't see the office network in {room}. We have a customer "
                        "meeting there at {hour}.",
                        {"Affected system": "Network / Wi-Fi"},
                    ),
                    (
                        "Outlook keeps crashing",
                        "Outlook closes itself whenever I open a calendar invitation.",
                        {"Affected system": "Email", "People affected": 1},
                    ),
                    (
                        "CRM shows no order history",
                        "Customer cards in the CRM show no orders older than last week, for "
                        "every customer I checked.",
                        {"Affected system": "CRM"},
                    ),
                    (
                        "Desk phone has no dial tone",
                        "My desk phone shows “No service” since we moved desks.",
                        {"Affected system": "Phone", "People affected": 1},
                    ),
                ],
            },
            {
                "slug": "mobile",
                "name": "Mobile phone or SIM card",
                "name_pl": "Telefon komórkowy lub karta SIM",
                "description": "A company phone, a replacement for a broken or lost one, a SIM "
                "card, or a roaming package for a trip. What to prepare: what you need and the "
                "cost centre; for a lost phone, when and where you lost it (we block it "
                "remotely).",
                "description_pl": "Telefon służbowy, wymiana uszkodzonego lub zgubionego aparatu, "
                "karta SIM lub pakiet roamingowy na wyjazd. Przygotuj: czego potrzebujesz i "
                "centrum kosztów; przy zgubionym telefonie: kiedy i gdzie go zgubiłeś/-aś "
                "(zablokujemy go zdalnie).",
                "target_hours": 24,
                "weight": 3,
                "fields": [
                    {
                        "label": "What you need",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Czego potrzebujesz",
                        "options_pl": [
                            "Nowy telefon",
                            "Wymiana (uszkodzony lub zgubiony)",
                            "Tylko karta SIM",
                            "Pakiet roamingowy",
                        ],
                        "required": True,
                        "options": [
                            "New phone",
                            "Replacement (broken or lost)",
                            "SIM card only",
                            "Roaming package",
                        ],
                    },
                    {
                        "label": "Cost centre",
                        "kind": FieldKind.CHOICE,
                        "options": COST_CENTRES,
                        "label_pl": "Centrum kosztów",
                        "options_pl": COST_CENTRES_PL,
                    },
                ],
                "samples": [
                    (
                        "Cracked screen: phone replacement",
                        "I dropped my phone on the way to {customer}; the screen is cracked and "
                        "touch doesn't work.",
                        {"What you need": "Replacement (broken or lost)"},
                    ),
                    (
                        "Roaming for the trade fair in Cologne",
                        "I'm at the Anuga fair in Cologne from {date} for five days and will need "
                        "data roaming.",
                        {"What you need": "Roaming package"},
                    ),
                    (
                        "Company phone for {newhire}",
                        "{newhire} starts as a sales representative and will be on the road "
                        "most of the time.",
                        {"What you need": "New phone", "Cost centre": "200 Sales"},
                    ),
                    (
                        "Lost my phone on the train",
                        "I left my company phone on the train from {city} yesterday evening. "
                        "Please block it.",
                        {"What you need": "Replacement (broken or lost)"},
                    ),
                ],
            },
        ],
    },
    {
        "code": "HR",
        "slug": "hr",
        "name": "Human Resources",
        "name_pl": "Dział Personalny (HR)",
        "description": "Contracts, certificates, payroll questions, leave, training and "
        "onboarding of new colleagues. Salary details are seen only by the payroll team.",
        "description_pl": "Umowy, zaświadczenia, pytania o wynagrodzenie, urlopy, szkolenia i "
        "wdrożenie nowych pracowników. Szczegóły wynagrodzeń widzi tylko zespół płac.",
        "contact_email": f"hr@{DOMAIN}",
        "services": [
            {
                "slug": "employment-certificate",
                "name": "Employment certificate",
                "name_pl": "Zaświadczenie o zatrudnieniu",
                "description": "A signed certificate of employment (and salary, if you ask for "
                "it), in Polish or English, as a PDF or on paper. What to prepare: who it is for "
                "(bank, embassy, office) and whether they require their own form; if so, attach "
                "it.",
                "description_pl": "Podpisane zaświadczenie o zatrudnieniu (i wynagrodzeniu, jeśli "
                "o to poprosisz), po polsku lub angielsku, jako PDF lub na papierze. Przygotuj: "
                "dla kogo jest zaświadczenie (bank, ambasada, urząd) i czy wymagany jest ich "
                "formularz; jeśli tak, dołącz go.",
                "target_hours": 16,
                "weight": 3,
                "fields": [
                    {
                        "label": "For",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Cel",
                        "options_pl": ["Bank lub kredyt", "Wiza lub ambasada", "Urząd", "Inny"],
                        "required": True,
                        "options": ["Bank or loan", "Visa or embassy", "Public office", "Other"],
                    },
                    {
                        "label": "Language",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Język",
                        "options_pl": ["Polski", "Angielski"],
                        "required": True,
                        "options": ["Polish", "English"],
                    },
                    {
                        "label": "Include salary",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Z wynagrodzeniem",
                        "options_pl": ["Tak", "Nie"],
                        "options": ["Yes", "No"],
                    },
                ],
                "samples": [
                    (
                        "Employment certificate for a mortgage",
                        "My bank asks for a certificate of employment and salary on their own "
                        "form (attached) for a mortgage application.",
                        {"For": "Bank or loan", "Language": "Polish", "Include salary": "Yes"},
                    ),
                    (
                        "Certificate in English for a visa",
                        "I'm applying for a US visa; the embassy wants a letter confirming my "
                        "employment and position.",
                        {"For": "Visa or embassy", "Language": "English", "Include salary": "No"},
                    ),
                    (
                        "Certificate for the nursery application",
                        "The city office needs a certificate of employment for my son's nursery "
                        "application.",
                        {"For": "Public office", "Language": "Polish", "Include salary": "No"},
                    ),
                ],
            },
            {
                "slug": "payslip",
                "name": "Payslip or salary question",
                "name_pl": "Pytanie o pasek płacowy lub wynagrodzenie",
                "description": "An explanation of your payslip (overtime, bonuses, deductions, "
                "sick pay) or a correction if something is wrong. What to prepare: the month "
                "concerned and what you expected to see.",
                "description_pl": "Wyjaśnienie paska płacowego (nadgodziny, premie, potrącenia, "
                "wynagrodzenie chorobowe) lub korekta, jeśli coś się nie zgadza. Przygotuj: "
                "miesiąc, którego dotyczy pytanie, i to, czego się spodziewałeś/-aś.",
                "target_hours": 24,
                "weight": 3,
                "fields": [
                    {
                        "label": "Month",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Miesiąc",
                        "required": True,
                        "samples": ["{month}"],
                    },
                    {
                        "label": "Topic",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Temat",
                        "options_pl": [
                            "Nadgodziny",
                            "Premia",
                            "Potrącenia",
                            "Wynagrodzenie chorobowe",
                            "Inne",
                        ],
                        "required": True,
                        "options": ["Overtime", "Bonus", "Deductions", "Sick pay", "Other"],
                    },
                ],
                "samples": [
                    (
                        "Overtime missing from my {month} payslip",
                        "I worked 12 hours of overtime during the stocktake in {month}, but the "
                        "payslip shows none.",
                        {"Topic": "Overtime"},
                    ),
                    (
                        "Quarterly bonus lower than expected",
                        "My quarterly bonus is lower than the amount in my manager's letter.",
                        {"Topic": "Bonus"},
                    ),
                    (
                        "What is the PPK deduction?",
                        "Since {month} my payslip shows a PPK deduction. What is it, and can I "
                        "opt out?",
                        {"Topic": "Deductions"},
                    ),
                    (
                        "Sick pay looks low",
                        "I was on sick leave for a week in {month}; the sick pay seems lower "
                        "than 80% of my salary.",
                        {"Topic": "Sick pay"},
                    ),
                ],
            },
            {
                "slug": "onboarding",
                "name": "Onboarding a new team member",
                "name_pl": "Wdrożenie nowego pracownika",
                "description": "Everything HR arranges before someone's first day: the contract, "
                "medical check, health and safety training, a welcome pack, and the requests to "
                "IT and Facilities for a laptop, accounts and an access card. What to prepare: "
                "name, position, start date and contract type, at least two weeks before the "
                "start.",
                "description_pl": "Wszystko, co HR przygotowuje przed pierwszym dniem pracy: "
                "umowa, badania lekarskie, szkolenie BHP, pakiet powitalny oraz zgłoszenia do IT "
                "i administracji o laptop, konta i kartę dostępu. Przygotuj: imię i nazwisko, "
                "stanowisko, datę rozpoczęcia i rodzaj umowy, co najmniej dwa tygodnie przed "
                "startem.",
                "target_hours": 40,
                "weight": 2,
                "fields": [
                    {
                        "label": "New employee",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Nowy pracownik",
                        "required": True,
                        "samples": ["{newhire}"],
                    },
                    {
                        "label": "Position",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Stanowisko",
                        "required": True,
                        "samples": ["{position}"],
                    },
                    {
                        "label": "Start date",
                        "kind": FieldKind.DATE,
                        "required": True,
                        "label_pl": "Data rozpoczęcia pracy",
                    },
                    {
                        "label": "Contract",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Rodzaj umowy",
                        "options_pl": ["Umowa o pracę", "B2B", "Staż", "Umowa zlecenie"],
                        "required": True,
                        "options": [
                            "Employment contract",
                            "B2B",
                            "Internship",
                            "Contract of mandate",
                        ],
                    },
                    {
                        "label": "Anything special",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Dodatkowe uwagi",
                        "samples": [
                            "Part-time, four days a week.",
                            "Needs a parking place.",
                            "Will work mostly from the Poznań plant.",
                        ],
                    },
                ],
                "samples": [
                    (
                        "Onboarding: {newhire}, starting {date}",
                        "{newhire} joins us as {position} on {date}. Please arrange the contract "
                        "and the first-day plan.",
                        {"Contract": "Employment contract"},
                    ),
                    (
                        "Summer intern in our team from {date}",
                        "We are taking {newhire} as an intern for three months.",
                        {"Contract": "Internship", "Position": "Intern"},
                    ),
                    (
                        "Onboarding a B2B contractor",
                        "{newhire} will work with us on a B2B contract from {date} and needs "
                        "building access and a laptop.",
                        {"Contract": "B2B"},
                    ),
                ],
            },
            {
                "slug": "training",
                "name": "Training or course request",
                "name_pl": "Wniosek o szkolenie lub kurs",
                "description": "Approval and booking of an external course, conference or "
                "certification, with a training agreement when the cost is high. What to "
                "prepare: the course and provider, the dates, the net cost, and how it helps your "
                "work. We ask your manager to approve.",
                "description_pl": "Akceptacja i rezerwacja zewnętrznego kursu, konferencji lub "
                "certyfikacji, wraz z umową szkoleniową przy wyższych kosztach. Przygotuj: nazwę "
                "kursu i organizatora, termin, koszt netto oraz to, jak pomoże Ci w pracy. O "
                "akceptację poprosimy Twojego przełożonego.",
                "target_hours": 40,
                "weight": 2,
                "fields": [
                    {
                        "label": "Course and provider",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Kurs i organizator",
                        "required": True,
                        "samples": ["Business English online (weekly)"],
                    },
                    {
                        "label": "Cost (PLN, net)",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Koszt (PLN netto)",
                        "range": (600, 6000, 100),
                    },
                    {"label": "Starts on", "kind": FieldKind.DATE, "label_pl": "Data rozpoczęcia"},
                    {
                        "label": "How it helps your work",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Jak pomoże Ci w pracy",
                        "required": True,
                        "samples": [
                            "I will build our team's reports myself instead of waiting for "
                            "Analytics.",
                            "More and more of my customers are abroad.",
                            "Part of my development plan agreed with my manager.",
                        ],
                    },
                ],
                "samples": [
                    (
                        "Advanced Excel course",
                        "Two-day course (Power Query, pivot tables) in Warsaw.",
                        {"Course and provider": "Excel for analysts, ALX Warsaw"},
                    ),
                    (
                        "Business English course",
                        "Weekly online classes to prepare for calls with export customers.",
                        {"Course and provider": "Business English online (weekly)"},
                    ),
                    (
                        "Food Industry Congress in Poznań",
                        "I'd like to attend the congress on {date}; two of our customers are "
                        "speaking there.",
                        {"Course and provider": "Food Industry Congress, Poznań"},
                    ),
                    (
                        "Negotiation skills workshop",
                        "Two-day workshop for key account managers before the annual talks.",
                        {"Course and provider": "Negotiation workshop, Negocjator Academy"},
                    ),
                ],
            },
            {
                "slug": "leave",
                "name": "Leave balance or absence question",
                "name_pl": "Pytanie o urlop lub nieobecność",
                "description": "Your remaining leave, how an absence was recorded, or help with "
                "less common leave (childcare, on-demand, special leave). What to prepare: the "
                "dates concerned and what you see in the HR portal.",
                "description_pl": "Stan urlopu, sposób zarejestrowania nieobecności lub pomoc w "
                "mniej typowych sytuacjach (opieka nad dzieckiem, urlop na żądanie, urlop "
                "okolicznościowy). Przygotuj: daty, których dotyczy pytanie, i to, co widzisz w "
                "portalu HR.",
                "target_hours": 8,
                "weight": 3,
                "fields": [
                    {
                        "label": "Type of leave",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Rodzaj urlopu",
                        "options_pl": [
                            "Urlop wypoczynkowy",
                            "Urlop na żądanie",
                            "Opieka nad dzieckiem",
                            "Urlop okolicznościowy",
                            "Zwolnienie lekarskie",
                        ],
                        "required": True,
                        "options": [
                            "Annual leave",
                            "On-demand leave",
                            "Childcare",
                            "Special leave",
                            "Sick leave",
                        ],
                    },
                ],
                "samples": [
                    (
                        "How many leave days do I have left?",
                        "The HR portal shows 3 days, but I believe I carried 8 days over from "
                        "last year.",
                        {"Type of leave": "Annual leave"},
                    ),
                    (
                        "Special leave for my wedding",
                        "I'm getting married on {date}. How do I apply for the two days of "
                        "special leave?",
                        {"Type of leave": "Special leave"},
                    ),
                    (
                        "Childcare days recorded as annual leave",
                        "I took two childcare days in {month}; the portal shows them as annual "
                        "leave.",
                        {"Type of leave": "Childcare"},
                    ),
                ],
            },
        ],
    },
    {
        "code": "FIN",
        "slug": "finance",
        "name": "Finance",
        "name_pl": "Finanse",
        "description": "Supplier invoices, expense claims, budget reports and customer credit "
        "limits. Transfers go out on Tuesdays and Fridays.",
        "description_pl": "Faktury od dostawców, rozliczenia wydatków, raporty budżetowe i "
        "limity kredytowe klientów. Przelewy wychodzą we wtorki i piątki.",
        "contact_email": f"finance@{DOMAIN}",
        "services": [
            {
                "slug": "supplier-invoice",
                "name": "Supplier invoice to pay",
                "name_pl": "Faktura od dostawcy do zapłaty",
                "description": "We book and pay a supplier invoice you received, on its due date. "
                "What to prepare: the invoice (attach the PDF if it didn't go to invoices@), the "
                "cost centre, and confirmation that the goods or service were delivered. "
                "Invoices without a purchase order need your manager's approval.",
                "description_pl": "Zaksięgujemy i opłacimy otrzymaną fakturę w terminie "
                "płatności. Przygotuj: fakturę (dołącz PDF, jeśli nie trafiła na adres "
                "invoices@), centrum kosztów oraz potwierdzenie, że towar lub usługa zostały "
                "dostarczone. Faktury bez zamówienia wymagają akceptacji przełożonego.",
                "target_hours": 24,
                "weight": 4,
                "fields": [
                    {
                        "label": "Supplier",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Dostawca",
                        "required": True,
                        "samples": ["{supplier}"],
                    },
                    {
                        "label": "Invoice number",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Numer faktury",
                        "samples": ["{invoice}"],
                    },
                    {
                        "label": "Amount (PLN, gross)",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Kwota (PLN brutto)",
                        "required": True,
                        "range": (300, 48000, 10),
                    },
                    {
                        "label": "Due date",
                        "kind": FieldKind.DATE,
                        "required": True,
                        "label_pl": "Termin płatności",
                    },
                    {
                        "label": "Cost centre",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Centrum kosztów",
                        "options_pl": COST_CENTRES_PL,
                        "required": True,
                        "options": COST_CENTRES,
                    },
                ],
                "samples": [
                    (
                        "Invoice from {supplier}",
                        "Invoice for the customer day on {date}. Delivered as ordered and "
                        "approved by my manager.",
                    ),
                    (
                        "Please pay invoice {invoice}",
                        "The supplier sent this invoice to me directly instead of invoices@. "
                        "PDF attached.",
                    ),
                    (
                        "Trade-fair stand invoice due this week",
                        "The supplier called: the invoice for our fair stand is due on {date} "
                        "and they release the booking otherwise.",
                        {"Supplier": "Expo-Stand", "Cost centre": "300 Marketing"},
                    ),
                    (
                        "Invoice for printed leaflets",
                        "5,000 leaflets for the spring campaign, delivered yesterday.",
                        {"Supplier": "Druk-Express", "Cost centre": "300 Marketing"},
                    ),
                ],
            },
            {
                "slug": "expenses",
                "name": "Expense reimbursement",
                "name_pl": "Zwrot wydatków",
                "description": "Your business expenses paid back with the next transfer run. What "
                "to prepare: scans of the receipts or invoices issued to the company, the trip or "
                "occasion, and whether you paid privately or with a company card.",
                "description_pl": "Zwrot wydatków służbowych w najbliższym przelewie. Przygotuj: "
                "skany paragonów lub faktur wystawionych na firmę, cel wyjazdu lub okazję oraz "
                "informację, czy płaciłeś/-aś prywatnie, czy kartą firmową.",
                "target_hours": 40,
                "weight": 5,
                "fields": [
                    {
                        "label": "Total (PLN)",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Kwota łącznie (PLN)",
                        "required": True,
                        "range": (40, 3500),
                    },
                    {
                        "label": "Trip or occasion",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Podróż lub okazja",
                        "required": True,
                        "samples": ["Customer visit in {city}", "Trade fair in Cologne"],
                    },
                    {
                        "label": "Paid with",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Forma płatności",
                        "options_pl": ["Karta prywatna", "Gotówka", "Karta służbowa"],
                        "required": True,
                        "options": ["Private card", "Cash", "Company card"],
                    },
                ],
                "samples": [
                    (
                        "Expenses: customer visit in {city}",
                        "Fuel, parking and lunch with the customer. Receipts attached.",
                        {"Trip or occasion": "Customer visit in {city}"},
                    ),
                    (
                        "Hotel and taxis at the trade fair",
                        "Two nights in the hotel and taxis to the fair. The hotel invoice is "
                        "made out to the company.",
                        {"Trip or occasion": "Trade fair in Cologne"},
                    ),
                    (
                        "Train tickets to the Poznań plant",
                        "Two return tickets for the stock count, paid privately.",
                        {"Trip or occasion": "Stock count in Poznań", "Paid with": "Private card"},
                    ),
                ],
            },
            {
                "slug": "budget-report",
                "name": "Budget or cost-centre report",
                "name_pl": "Raport budżetu lub centrum kosztów",
                "description": "Actual costs against budget for your cost centre, with the main "
                "items explained. What to prepare: the cost centre, the period, and any accounts "
                "you want split in detail.",
                "description_pl": "Zestawienie kosztów rzeczywistych względem budżetu dla Twojego "
                "centrum kosztów, z wyjaśnieniem głównych pozycji. Przygotuj: centrum kosztów, "
                "okres i konta, które mają być rozbite szczegółowo.",
                "target_hours": 24,
                "weight": 2,
                "fields": [
                    {
                        "label": "Cost centre",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Centrum kosztów",
                        "options_pl": COST_CENTRES_PL,
                        "required": True,
                        "options": COST_CENTRES,
                    },
                    {
                        "label": "Period",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Okres",
                        "required": True,
                        "samples": ["{month}", "Year to date"],
                    },
                    {
                        "label": "Format",
                        "kind": FieldKind.CHOICE,
                        "options": ["Excel", "PDF"],
                        "label_pl": "Format",
                        "options_pl": ["Excel", "PDF"],
                    },
                ],
                "samples": [
                    (
                        "Budget against actuals for {month}",
                        "For our monthly team meeting; please split travel and marketing costs.",
                        {"Period": "{month}"},
                    ),
                    (
                        "Year-to-date costs of our cost centre",
                        "I'm preparing next year's budget and need the year-to-date actuals by "
                        "account.",
                        {"Period": "Year to date", "Format": "Excel"},
                    ),
                    (
                        "Why are our IT costs so high in {month}?",
                        "The cost report shows 40,000 PLN over budget on IT services. Which "
                        "invoices are these?",
                        {"Period": "{month}"},
                    ),
                ],
            },
            {
                "slug": "credit-limit",
                "name": "Customer credit limit",
                "name_pl": "Limit kredytowy dla klienta",
                "description": "A credit limit and payment terms for a new or existing customer, "
                "based on their finances and payment history. What to prepare: the customer's "
                "full name and tax number (NIP), the expected monthly volume, and the payment "
                "terms you are negotiating.",
                "description_pl": "Limit kredytowy i termin płatności dla nowego lub obecnego "
                "klienta, na podstawie oceny jego finansów i historii płatności. Przygotuj: pełną "
                "nazwę klienta i NIP, spodziewany miesięczny obrót oraz negocjowany termin "
                "płatności.",
                "target_hours": 16,
                "weight": 2,
                "fields": [
                    {
                        "label": "Customer",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Klient",
                        "required": True,
                        "samples": ["{customer}"],
                    },
                    {
                        "label": "Tax number (NIP)",
                        "kind": FieldKind.TEXT,
                        "label_pl": "NIP",
                        "required": True,
                        "samples": ["{nip}"],
                    },
                    {
                        "label": "Requested limit (PLN)",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Wnioskowany limit (PLN)",
                        "required": True,
                        "range": (20000, 500000, 5000),
                    },
                    {
                        "label": "Payment terms",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Termin płatności",
                        "options_pl": ["14 dni", "30 dni", "45 dni", "60 dni"],
                        "required": True,
                        "options": ["14 days", "30 days", "45 days", "60 days"],
                    },
                ],
                "samples": [
                    (
                        "Credit limit for {customer}",
                        "New retail customer; the first order is expected on {date}.",
                    ),
                    (
                        "Raise the limit for {customer}",
                        "They went over the limit and their orders are blocked; volumes grew "
                        "after the summer promotion.",
                    ),
                    (
                        "60-day payment terms for {customer}",
                        "The customer insists on 60 days in the new contract. Can we accept?",
                        {"Payment terms": "60 days"},
                    ),
                ],
            },
        ],
    },
    {
        "code": "FAC",
        "slug": "facilities",
        "name": "Facilities",
        "name_pl": "Administracja i obsługa biura",
        "description": "The offices in Warsaw and the Poznań plant: repairs, meeting rooms, "
        "access cards, parking and business travel. Someone is on call day and night for urgent "
        "building problems.",
        "description_pl": "Biura w Warszawie i zakład w Poznaniu: naprawy, sale spotkań, karty "
        "dostępu, parking i podróże służbowe. Przy pilnych awariach budynku dyżurny jest "
        "dostępny całą dobę.",
        "contact_email": f"facilities@{DOMAIN}",
        "services": [
            {
                "slug": "urgent-building-issue",
                "name": "Urgent building issue",
                "name_pl": "Pilna awaria w budynku",
                "description": "The person on call reacts within the hour, day and night: water "
                "leaks, power cuts, heating or cooling failures, doors that don't lock, a stuck "
                "lift. What to prepare: the exact place (building, floor, room) and a phone "
                "number. If anyone is in danger, call 112 first, then reception.",
                "description_pl": "Dyżurny reaguje w ciągu godziny, całą dobę: wycieki wody, brak "
                "prądu, awarie ogrzewania lub klimatyzacji, niezamykające się drzwi, "
                "zablokowana winda. Przygotuj: dokładne miejsce (budynek, piętro, pomieszczenie) "
                "i numer telefonu. Jeśli komuś grozi niebezpieczeństwo, najpierw zadzwoń pod "
                "112, potem na recepcję.",
                "target_hours": 4,
                "around_the_clock": True,
                "weight": 2,
                "fields": [
                    {
                        "label": "Location",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Miejsce",
                        "help_pl": "Budynek, piętro i pokój.",
                        "required": True,
                        "help": "Building, floor and room.",
                        "samples": ["Warsaw office, floor {floor}"],
                    },
                    {
                        "label": "What happened",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Co się stało",
                        "options_pl": [
                            "Wyciek wody",
                            "Brak prądu",
                            "Ogrzewanie lub klimatyzacja",
                            "Drzwi lub zamek",
                            "Winda",
                            "Inne",
                        ],
                        "required": True,
                        "options": [
                            "Water leak",
                            "No power",
                            "Heating or air conditioning",
                            "Door or lock",
                            "Lift",
                            "Other",
                        ],
                    },
                    {
                        "label": "Phone number",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Numer telefonu",
                        "required": True,
                        "samples": ["{phone}"],
                    },
                ],
                "samples": [
                    (
                        "Water leaking from the ceiling in the kitchen",
                        "Water is dripping from the ceiling above the coffee machine on floor "
                        "{floor}. We put a bucket under it.",
                        {
                            "What happened": "Water leak",
                            "Location": "Warsaw office, floor {floor}, kitchen",
                        },
                    ),
                    (
                        "Air conditioning off in the server room",
                        "Temperature alarm in the server room: 29 °C and rising.",
                        {
                            "What happened": "Heating or air conditioning",
                            "Location": "Warsaw office, server room",
                        },
                    ),
                    (
                        "Main entrance door won't lock",
                        "The main entrance door doesn't lock after 18:00; security is staying by "
                        "the door.",
                        {"What happened": "Door or lock", "Location": "Warsaw office, entrance"},
                    ),
                    (
                        "Lift stuck between floors 2 and 3",
                        "The lift stopped between floors. Nobody is inside, but it's blocked.",
                        {"What happened": "Lift", "Location": "Warsaw office, lift A"},
                    ),
                    (
                        "No power on half of floor {floor}",
                        "Sockets on the window side of floor {floor} have no power since the "
                        "storm.",
                        {"What happened": "No power"},
                    ),
                ],
            },
            {
                "slug": "repair",
                "name": "Repair or maintenance",
                "name_pl": "Naprawa lub konserwacja",
                "description": "We fix what is broken in the office but doesn't stop work: "
                "lights, furniture, blinds, kitchen appliances, sockets. What to prepare: the "
                "exact place, and a photo if you can.",
                "description_pl": "Naprawimy w biurze to, co jest zepsute, ale nie blokuje pracy: "
                "oświetlenie, meble, rolety, sprzęt kuchenny, gniazdka. Przygotuj: dokładne "
                "miejsce i zdjęcie, jeśli możesz.",
                "target_hours": 24,
                "weight": 5,
                "fields": [
                    {
                        "label": "Location",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Miejsce",
                        "required": True,
                        "samples": ["Floor {floor}, open space", "Floor {floor}, room {room}"],
                    },
                    {
                        "label": "What needs fixing",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Co trzeba naprawić",
                        "options_pl": [
                            "Oświetlenie",
                            "Meble",
                            "Rolety",
                            "Sprzęt kuchenny",
                            "Instalacja wodna",
                            "Inne",
                        ],
                        "required": True,
                        "options": [
                            "Lighting",
                            "Furniture",
                            "Blinds",
                            "Kitchen appliance",
                            "Plumbing",
                            "Other",
                        ],
                    },
                ],
                "samples": [
                    (
                        "Flickering light above my desk",
                        "The ceiling light above desks 14 to 16 on floor {floor} flickers all day.",
                        {"What needs fixing": "Lighting"},
                    ),
                    (
                        "Broken office chair",
                        "The gas lift of my chair doesn't hold; it slowly sinks.",
                        {"What needs fixing": "Furniture"},
                    ),
                    (
                        "Kitchen dishwasher doesn't drain",
                        "Water stays at the bottom after every cycle.",
                        {
                            "What needs fixing": "Kitchen appliance",
                            "Location": "Floor {floor}, kitchen",
                        },
                    ),
                    (
                        "Blinds stuck in meeting room {room}",
                        "The blinds in {room} are stuck halfway and the sun shines on the screen.",
                        {"What needs fixing": "Blinds", "Location": "Floor {floor}, room {room}"},
                    ),
                ],
            },
            {
                "slug": "room-setup",
                "name": "Meeting room or event setup",
                "name_pl": "Przygotowanie sali na spotkanie lub wydarzenie",
                "description": "A room arranged for a meeting, training or event: layout, "
                "projector, catering and guest passes. What to prepare: the date and time, the "
                "number of people, the room, and catering needs (diets included). Book at least "
                "two working days ahead.",
                "description_pl": "Sala przygotowana na spotkanie, szkolenie lub wydarzenie: "
                "ustawienie, rzutnik, catering i przepustki dla gości. Przygotuj: datę i "
                "godzinę, liczbę osób, salę oraz potrzeby cateringowe (w tym diety). Zamów co "
                "najmniej dwa dni robocze wcześniej.",
                "target_hours": 16,
                "weight": 3,
                "fields": [
                    {
                        "label": "Room",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Sala",
                        "options_pl": ROOM_CHOICES_PL,
                        "required": True,
                        "options": ROOM_CHOICES,
                    },
                    {"label": "Date", "kind": FieldKind.DATE, "required": True, "label_pl": "Data"},
                    {
                        "label": "Number of people",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Liczba osób",
                        "required": True,
                        "range": (4, 12),
                    },
                    {
                        "label": "Catering and equipment",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Catering i sprzęt",
                        "samples": [
                            "Coffee, water and sandwiches; two vegetarian.",
                            "Projector and flipchart, no catering.",
                            "Lunch at 12:30, one gluten-free.",
                        ],
                    },
                ],
                "samples": [
                    (
                        "Visit from {customer} on {date}",
                        "Eight guests from {customer}: coffee and lunch, and guest passes at "
                        "reception.",
                        {"Room": "Wisła (12 seats)", "Number of people": 10},
                    ),
                    (
                        "Quarterly sales meeting",
                        "The whole sales team, 25 people, for the full day, with a projector.",
                        {"Room": "Canteen (60 seats)", "Number of people": 25},
                    ),
                    (
                        "Health and safety training for new hires",
                        "Training for six new colleagues; we need a projector.",
                        {"Room": "Odra (8 seats)", "Number of people": 7},
                    ),
                ],
            },
            {
                "slug": "access-card",
                "name": "Access card or parking",
                "name_pl": "Karta dostępu lub parking",
                "description": "A new or replacement access card, a parking place, or guest "
                "parking for a visitor. What to prepare: what you need, and the car registration "
                "number for parking. A lost card is blocked as soon as you file the request.",
                "description_pl": "Nowa lub zastępcza karta dostępu, miejsce parkingowe albo "
                "parking dla gościa. Przygotuj: czego potrzebujesz, a w przypadku parkingu numer "
                "rejestracyjny samochodu. Zgubiona karta zostaje zablokowana od razu po "
                "zgłoszeniu.",
                "target_hours": 16,
                "weight": 3,
                "fields": [
                    {
                        "label": "What you need",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Czego potrzebujesz",
                        "options_pl": [
                            "Nowa karta dostępu",
                            "Karta zastępcza",
                            "Miejsce parkingowe",
                            "Parking dla gościa",
                        ],
                        "required": True,
                        "options": [
                            "New access card",
                            "Replacement card",
                            "Parking place",
                            "Guest parking",
                        ],
                    },
                    {
                        "label": "Car registration",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Numer rejestracyjny",
                        "samples": ["{plate}"],
                    },
                    {"label": "From", "kind": FieldKind.DATE, "label_pl": "Od kiedy"},
                ],
                "samples": [
                    (
                        "Lost my access card",
                        "I lost my card somewhere between the office and the station yesterday.",
                        {"What you need": "Replacement card"},
                    ),
                    (
                        "Guest parking for the visit from {customer}",
                        "Two cars from {customer} on {date}.",
                        {"What you need": "Guest parking"},
                    ),
                    (
                        "Parking place: I now commute by car",
                        "I moved out of town and drive to the office now.",
                        {"What you need": "Parking place"},
                    ),
                    (
                        "Access card for {newhire}",
                        "A new colleague starts on {date}.",
                        {"What you need": "New access card"},
                    ),
                ],
            },
            {
                "slug": "travel",
                "name": "Business travel booking",
                "name_pl": "Rezerwacja podróży służbowej",
                "description": "Train or plane tickets, a hotel and, if needed, a company car, "
                "booked under the travel policy. What to prepare: where and when, who is "
                "travelling, and any preferences (times, a hotel near the customer). For flights, "
                "book at least five working days ahead.",
                "description_pl": "Bilety kolejowe lub lotnicze, hotel i w razie potrzeby "
                "samochód służbowy, zgodnie z polityką podróży. Przygotuj: dokąd i kiedy, kto "
                "jedzie oraz preferencje (godziny, hotel blisko klienta). Loty rezerwuj co "
                "najmniej pięć dni roboczych wcześniej.",
                "target_hours": 16,
                "weight": 4,
                "fields": [
                    {
                        "label": "From and to",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Skąd i dokąd",
                        "required": True,
                        "samples": ["Warsaw to {city}"],
                    },
                    {
                        "label": "Departure",
                        "kind": FieldKind.DATE,
                        "required": True,
                        "label_pl": "Wyjazd",
                    },
                    {
                        "label": "Transport",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Środek transportu",
                        "options_pl": ["Pociąg", "Samolot", "Samochód służbowy"],
                        "required": True,
                        "options": ["Train", "Plane", "Company car"],
                    },
                    {
                        "label": "Hotel nights",
                        "kind": FieldKind.NUMBER,
                        "range": (0, 3),
                        "label_pl": "Liczba nocy w hotelu",
                    },
                ],
                "samples": [
                    (
                        "Trip to {customer} in {city}",
                        "Meeting at their head office on {date} at {hour}. Train there and back "
                        "the same day.",
                        {"Transport": "Train", "Hotel nights": 0},
                    ),
                    (
                        "Flights to the trade fair in Cologne",
                        "Three people, four nights, a hotel close to the fair grounds.",
                        {
                            "Transport": "Plane",
                            "From and to": "Warsaw to Cologne",
                            "Hotel nights": 3,
                        },
                    ),
                    (
                        "Company car for plant visits",
                        "I'm at the Poznań plant for three days for the stock count.",
                        {"Transport": "Company car", "From and to": "Warsaw to Poznań"},
                    ),
                ],
            },
        ],
    },
    {
        "code": "LEG",
        "slug": "legal",
        "name": "Legal",
        "name_pl": "Dział Prawny",
        "description": "Contracts, NDAs and personal data (GDPR). Report a suspected data breach "
        "at once: we have 72 hours to notify the authority.",
        "description_pl": "Umowy, NDA i ochrona danych osobowych (RODO). Podejrzenie naruszenia "
        "danych zgłaszaj od razu: mamy 72 godziny na powiadomienie urzędu.",
        "contact_email": f"legal@{DOMAIN}",
        "services": [
            {
                "slug": "contract-review",
                "name": "Contract review",
                "name_pl": "Opiniowanie umowy",
                "description": "A lawyer reviews a contract before you sign it: risks marked, "
                "changes proposed as tracked changes, and a short summary in plain words. What "
                "to prepare: the draft in Word (not PDF), the counterparty, the value, what was "
                "agreed commercially, and the signing deadline.",
                "description_pl": "Prawnik przejrzy umowę przed podpisaniem: zaznaczy ryzyka, "
                "zaproponuje zmiany w trybie śledzenia zmian i przygotuje krótkie podsumowanie "
                "prostym językiem. Przygotuj: projekt w formacie Word (nie PDF), dane "
                "kontrahenta, wartość umowy, ustalenia handlowe i termin podpisania.",
                "target_hours": 40,
                "weight": 3,
                "fields": [
                    {
                        "label": "Counterparty",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Druga strona umowy",
                        "required": True,
                        "samples": ["{customer}"],
                    },
                    {
                        "label": "Contract type",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Rodzaj umowy",
                        "options_pl": [
                            "Umowa sprzedaży",
                            "Umowa dostawy",
                            "Umowa o świadczenie usług",
                            "Najem",
                            "Inna",
                        ],
                        "required": True,
                        "options": [
                            "Sales agreement",
                            "Supply agreement",
                            "Service agreement",
                            "Lease",
                            "Other",
                        ],
                    },
                    {
                        "label": "Value (PLN, net per year)",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Wartość (PLN netto rocznie)",
                        "range": (20000, 2000000, 10000),
                    },
                    {
                        "label": "Signing deadline",
                        "kind": FieldKind.DATE,
                        "label_pl": "Termin podpisania",
                    },
                ],
                "samples": [
                    (
                        "Supply agreement with {customer}",
                        "A yearly supply agreement; they sent their own template with penalties "
                        "for late deliveries.",
                        {"Contract type": "Sales agreement"},
                    ),
                    (
                        "Service agreement with the new cleaning company",
                        "Facilities chose {supplier}; please check the liability clauses.",
                        {"Contract type": "Service agreement", "Counterparty": "{supplier}"},
                    ),
                    (
                        "Lease annex for the Warsaw office",
                        "The landlord proposes an annex that raises the service charge by 12%.",
                        {"Contract type": "Lease", "Counterparty": "Mokotów Office Park"},
                    ),
                    (
                        "Distribution agreement for Czechia",
                        "Our first export distributor; their draft is under Czech law.",
                        {"Contract type": "Other", "Counterparty": "Mlékárna Distribuce s.r.o."},
                    ),
                ],
            },
            {
                "slug": "nda",
                "name": "Non-disclosure agreement (NDA)",
                "name_pl": "Umowa o zachowaniu poufności (NDA)",
                "description": "An NDA ready to sign, on our template or checked against theirs. "
                "What to prepare: the counterparty's full company name, address and tax number, "
                "what information will be shared and why, and whether both sides share "
                "information.",
                "description_pl": "Umowa o zachowaniu poufności gotowa do podpisu: na naszym "
                "wzorze lub po sprawdzeniu wzoru drugiej strony. Przygotuj: pełną nazwę firmy "
                "kontrahenta, adres i NIP, jakie informacje i w jakim celu będą przekazywane oraz "
                "czy wymiana będzie obustronna.",
                "target_hours": 16,
                "weight": 2,
                "fields": [
                    {
                        "label": "Counterparty",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Druga strona umowy",
                        "required": True,
                        "samples": ["{supplier}"],
                    },
                    {
                        "label": "Direction",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Kierunek",
                        "options_pl": ["Obustronna", "Ujawniamy my", "Ujawnia druga strona"],
                        "required": True,
                        "options": ["Mutual", "We disclose", "They disclose"],
                    },
                    {
                        "label": "Purpose",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Cel",
                        "required": True,
                        "samples": [
                            "Talks about a possible cooperation; prices and volumes will be shared."
                        ],
                    },
                ],
                "samples": [
                    (
                        "NDA with {supplier} before the packaging tender",
                        "They will see our volumes and packaging specifications.",
                        {"Direction": "We disclose"},
                    ),
                    (
                        "Mutual NDA with {customer}",
                        "We will exchange recipes and volumes for a private-label offer.",
                        {"Direction": "Mutual", "Counterparty": "{customer}"},
                    ),
                    (
                        "NDA for a data analytics vendor",
                        "The vendor will see our sales data during a three-month pilot.",
                        {"Direction": "We disclose", "Counterparty": "DataWise Analytics"},
                    ),
                ],
            },
            {
                "slug": "gdpr",
                "name": "Personal data (GDPR) question",
                "name_pl": "Pytanie o dane osobowe (RODO)",
                "description": "Advice from the data protection team on customers' requests "
                "about their data, new tools that process personal data, marketing consents, or "
                "a suspected data breach. What to prepare: what data, whose, and what happened "
                "or what you plan.",
                "description_pl": "Porada zespołu ochrony danych w sprawie żądań klientów "
                "dotyczących ich danych, nowych narzędzi przetwarzających dane osobowe, zgód "
                "marketingowych lub podejrzenia naruszenia. Przygotuj: jakie dane, czyje i co się "
                "stało lub co planujesz.",
                "target_hours": 24,
                "weight": 2,
                "fields": [
                    {
                        "label": "Topic",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Temat",
                        "options_pl": [
                            "Wniosek klienta dotyczący jego danych",
                            "Podejrzenie naruszenia ochrony danych",
                            "Nowe narzędzie lub przetwarzanie danych",
                            "Zgody marketingowe",
                            "Inne",
                        ],
                        "required": True,
                        "options": [
                            "A customer's request about their data",
                            "Suspected data breach",
                            "New tool or processing",
                            "Marketing consents",
                            "Other",
                        ],
                    },
                    {
                        "label": "People whose data it is (about)",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Liczba osób, których dane dotyczą (około)",
                        "range": (1, 200),
                    },
                ],
                "samples": [
                    (
                        "A customer asks us to delete their data",
                        "A consumer wrote to customer service asking us to delete all their "
                        "data, including their complaint history.",
                        {"Topic": "A customer's request about their data"},
                    ),
                    (
                        "Customer list emailed to the wrong address",
                        "This morning I sent an Excel file with 40 customer contacts to an "
                        "external address by mistake.",
                        {"Topic": "Suspected data breach", "People whose data it is (about)": 40},
                    ),
                    (
                        "Can we use a new survey tool?",
                        "Marketing wants to run a customer survey in an online tool that stores "
                        "email addresses.",
                        {"Topic": "New tool or processing"},
                    ),
                    (
                        "Newsletter consents from the trade fair",
                        "We collected business cards at the fair. Can we add those people to the "
                        "newsletter?",
                        {"Topic": "Marketing consents"},
                    ),
                ],
            },
        ],
    },
    {
        "code": "AN",
        "slug": "analytics",
        "name": "Analytics",
        "name_pl": "Analityka",
        "description": "Reports, dashboards and data extracts from sales, customer and finance "
        "data, and help when the figures don't add up.",
        "description_pl": "Raporty, dashboardy i eksporty danych sprzedażowych, klienckich i "
        "finansowych oraz pomoc, gdy liczby się nie zgadzają.",
        "contact_email": f"analytics@{DOMAIN}",
        "services": [
            {
                "slug": "new-report",
                "name": "New report or dashboard",
                "name_pl": "Nowy raport lub dashboard",
                "description": "A report or Power BI dashboard for a recurring question, with the "
                "data refreshed automatically. What to prepare: the question the report should "
                "answer and the decisions it supports, who will use it, the data sources you "
                "know of, and an example of what you'd like to see (even a sketch or an Excel "
                "file).",
                "description_pl": "Raport lub dashboard w Power BI dla powtarzającego się pytania, "
                "z automatycznie odświeżanymi danymi. Przygotuj: na jakie pytanie ma odpowiadać "
                "raport i jakie decyzje wspiera, kto będzie z niego korzystać, znane Ci źródła "
                "danych oraz przykład oczekiwanego wyniku (nawet szkic lub plik Excel).",
                "target_hours": 80,
                "weight": 2,
                "fields": [
                    {
                        "label": "Question the report should answer",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Na jakie pytanie ma odpowiadać raport",
                        "required": True,
                        "samples": [
                            "Are we on track against target, and where are we falling behind?"
                        ],
                    },
                    {
                        "label": "Data sources",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Źródła danych",
                        "options_pl": [
                            "Sprzedaż (ERP)",
                            "CRM",
                            "Obsługa klienta",
                            "Finanse",
                            "Analityka internetowa",
                            "Kilka źródeł",
                        ],
                        "options": [
                            "Sales (ERP)",
                            "CRM",
                            "Customer service",
                            "Finance",
                            "Web analytics",
                            "Several",
                        ],
                    },
                    {
                        "label": "Refresh",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Odświeżanie",
                        "options_pl": ["Jednorazowo", "Codziennie", "Co tydzień", "Co miesiąc"],
                        "required": True,
                        "options": ["One-off", "Daily", "Weekly", "Monthly"],
                    },
                    {"label": "Needed by", "kind": FieldKind.DATE, "label_pl": "Na kiedy"},
                ],
                "samples": [
                    (
                        "Dashboard: sales by key account and region",
                        "A weekly view of sales against target per key account, with the trend "
                        "of the last 12 weeks.",
                        {"Data sources": "Sales (ERP)", "Refresh": "Weekly"},
                    ),
                    (
                        "Report on complaint reasons by product",
                        "We want to see which products get the most complaints, and why, month "
                        "by month.",
                        {
                            "Data sources": "Customer service",
                            "Refresh": "Monthly",
                            "Question the report should answer": "Which products cause most "
                            "complaints, and is it getting better?",
                        },
                    ),
                    (
                        "Campaign results dashboard",
                        "Web traffic, leads and sales uplift during the spring campaign.",
                        {"Data sources": "Several", "Refresh": "Daily"},
                    ),
                    (
                        "Monthly KPI pack for the board",
                        "One page of KPIs for the management board every month, ready on the "
                        "third working day.",
                        {"Data sources": "Several", "Refresh": "Monthly"},
                    ),
                ],
            },
            {
                "slug": "data-extract",
                "name": "Data extract",
                "name_pl": "Eksport danych",
                "description": "A one-off extract from our systems in Excel or CSV, checked for "
                "obvious errors. What to prepare: which data and fields, the period, the filters "
                "(customers, products, regions) and the format. Personal data is extracted only "
                "for a stated purpose.",
                "description_pl": "Jednorazowy eksport danych z naszych systemów do Excela lub "
                "CSV, sprawdzony pod kątem oczywistych błędów. Przygotuj: jakie dane i pola, "
                "okres, filtry (klienci, produkty, regiony) i format. Dane osobowe eksportujemy "
                "tylko w podanym celu.",
                "target_hours": 16,
                "weight": 3,
                "fields": [
                    {
                        "label": "What data",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Jakie dane",
                        "required": True,
                        "samples": ["Volume and value per product and month."],
                    },
                    {
                        "label": "From",
                        "kind": FieldKind.DATE,
                        "days": (-365, -90),
                        "label_pl": "Od dnia",
                    },
                    {
                        "label": "Format",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Format",
                        "options_pl": ["Excel", "CSV"],
                        "required": True,
                        "options": ["Excel", "CSV"],
                    },
                ],
                "samples": [
                    (
                        "Sales to {customer} by product, last 12 months",
                        "For the annual negotiation with {customer}: volume and value per "
                        "product per month.",
                    ),
                    (
                        "Customers without orders since {month}",
                        "The sales reps want to call customers who stopped ordering.",
                        {"What data": "Customer, region, sales rep, date of the last order."},
                    ),
                    (
                        "Complaint data for the quality audit",
                        "All complaints from the last half year with product, batch and reason.",
                        {"What data": "Complaint number, product, batch, reason, date."},
                    ),
                ],
            },
            {
                "slug": "figures-check",
                "name": "Wrong figures in a report",
                "name_pl": "Błędne dane w raporcie",
                "description": "We investigate figures that look wrong in a report or dashboard, "
                "then fix the report or explain the difference. What to prepare: the report, the "
                "filters you used, the figure you see and the one you expected (and where it "
                "comes from).",
                "description_pl": "Sprawdzimy liczby, które wyglądają na błędne w raporcie lub "
                "dashboardzie, i poprawimy raport albo wyjaśnimy różnicę. Przygotuj: nazwę "
                "raportu, użyte filtry, widoczną wartość i wartość oczekiwaną (oraz jej źródło).",
                "target_hours": 8,
                "weight": 2,
                "fields": [
                    {
                        "label": "Report",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Raport",
                        "options_pl": [
                            "Sprzedaż tygodniowa",
                            "Kluczowi klienci",
                            "Przegląd reklamacji",
                            "Miesięczny pakiet KPI",
                        ],
                        "required": True,
                        "options": [
                            "Weekly sales",
                            "Key accounts",
                            "Complaints overview",
                            "Monthly KPI pack",
                        ],
                    },
                    {
                        "label": "What looks wrong",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Co wygląda na błąd",
                        "required": True,
                        "samples": ["The totals don't match the figures in SAP."],
                    },
                ],
                "samples": [
                    (
                        "Weekly sales shows zero for the South region",
                        "Since Monday the South region is empty in the weekly sales dashboard.",
                        {"Report": "Weekly sales"},
                    ),
                    (
                        "Key accounts dashboard doesn't match SAP",
                        "Turnover for {customer} in {month} differs by about 8% from the SAP "
                        "invoice list.",
                        {"Report": "Key accounts"},
                    ),
                    (
                        "Complaints doubled in {month}?",
                        "The complaints overview shows twice as many complaints as customer "
                        "service registered.",
                        {"Report": "Complaints overview"},
                    ),
                ],
            },
        ],
    },
    {
        "code": "MKT",
        "slug": "marketing",
        "name": "Marketing",
        "name_pl": "Marketing",
        "description": "Presentations, printed materials and internal communication, all in the "
        "Kestrel brand.",
        "description_pl": "Prezentacje, materiały drukowane i komunikacja wewnętrzna, wszystko "
        "zgodnie z marką Kestrel.",
        "contact_email": f"marketing@{DOMAIN}",
        "services": [
            {
                "slug": "presentation",
                "name": "Presentation design",
                "name_pl": "Projekt prezentacji",
                "description": "Your slides turned into a clean, on-brand presentation, with "
                "charts and photos from our library. What to prepare: your draft (the content "
                "matters more than the looks), the audience and occasion, the language, and the "
                "deadline.",
                "description_pl": "Twoje slajdy zamienione w przejrzystą prezentację zgodną z "
                "marką, z wykresami i zdjęciami z naszej biblioteki. Przygotuj: wersję roboczą "
                "(treść jest ważniejsza niż wygląd), odbiorców i okazję, język oraz termin.",
                "target_hours": 24,
                "weight": 2,
                "fields": [
                    {
                        "label": "Occasion",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Okazja",
                        "required": True,
                        "samples": ["Meeting with {customer}"],
                    },
                    {
                        "label": "Slides (about)",
                        "kind": FieldKind.NUMBER,
                        "range": (5, 30),
                        "label_pl": "Liczba slajdów (około)",
                    },
                    {
                        "label": "Language",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Język",
                        "options_pl": ["Polski", "Angielski", "Oba"],
                        "required": True,
                        "options": ["Polish", "English", "Both"],
                    },
                    {
                        "label": "Deadline",
                        "kind": FieldKind.DATE,
                        "required": True,
                        "label_pl": "Termin",
                    },
                ],
                "samples": [
                    (
                        "Presentation for the meeting with {customer}",
                        "Annual business review with {customer} on {date}; about 15 slides, "
                        "draft attached.",
                        {"Slides (about)": 15, "Language": "Polish"},
                    ),
                    (
                        "Company presentation in English for distributors",
                        "An update of the company deck for export distributors.",
                        {"Occasion": "Export distributors", "Language": "English"},
                    ),
                    (
                        "Slides for the all-hands meeting",
                        "Half-year results and plans, presented by the board.",
                        {"Occasion": "All-hands meeting", "Language": "Both"},
                    ),
                ],
            },
            {
                "slug": "printed-materials",
                "name": "Printed materials and business cards",
                "name_pl": "Materiały drukowane i wizytówki",
                "description": "Business cards, leaflets, roll-ups and posters, designed and "
                "ordered from our print house. What to prepare: what you need, the quantity, the "
                "text (for business cards: name, title, phone), and where and when to deliver "
                "it.",
                "description_pl": "Wizytówki, ulotki, roll-upy i plakaty: projekt i zamówienie w "
                "naszej drukarni. Przygotuj: co jest potrzebne, nakład, treść (dla wizytówek: imię "
                "i nazwisko, stanowisko, telefon) oraz miejsce i termin dostawy.",
                "target_hours": 40,
                "weight": 2,
                "fields": [
                    {
                        "label": "What",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Co",
                        "options_pl": ["Wizytówki", "Ulotki", "Roll-up", "Plakaty", "Inne"],
                        "required": True,
                        "options": ["Business cards", "Leaflets", "Roll-up", "Posters", "Other"],
                    },
                    {
                        "label": "Quantity",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Liczba sztuk",
                        "required": True,
                        "range": (1, 10),
                    },
                    {
                        "label": "Deliver to",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Dostarczyć do",
                        "samples": ["Warsaw office, reception", "Poznań plant"],
                    },
                ],
                "samples": [
                    (
                        "Business cards for {newhire}",
                        "New in the team as {position}. 200 cards, please.",
                        {"What": "Business cards", "Quantity": 200},
                    ),
                    (
                        "Roll-ups for the trade fair",
                        "Two roll-ups with the new product line for the fair on {date}.",
                        {"What": "Roll-up", "Quantity": 2},
                    ),
                    (
                        "Leaflets for the in-store promotion",
                        "A5 leaflets for the promotion in {customer} stores.",
                        {"What": "Leaflets", "Quantity": 1500},
                    ),
                ],
            },
            {
                "slug": "intranet-news",
                "name": "Intranet news or newsletter article",
                "name_pl": "Artykuł w intranecie lub newsletterze",
                "description": "Your news published on the intranet or in the Friday newsletter, "
                "edited and illustrated. What to prepare: the topic, the key facts (who, what, "
                "when), a photo if you have one, and the date it should appear.",
                "description_pl": "Twoja informacja opublikowana w intranecie lub w piątkowym "
                "newsletterze, po redakcji i z ilustracją. Przygotuj: temat, najważniejsze fakty "
                "(kto, co, kiedy), zdjęcie, jeśli je masz, i datę publikacji.",
                "target_hours": 16,
                "weight": 1,
                "fields": [
                    {"label": "Publish on", "kind": FieldKind.DATE, "label_pl": "Data publikacji"},
                    {
                        "label": "Draft text",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Projekt tekstu",
                        "samples": ["Draft attached; feel free to shorten it."],
                    },
                ],
                "samples": [
                    (
                        "News: new colleagues in {dept}",
                        "A welcome post for the three people who joined our team this month.",
                    ),
                    (
                        "Newsletter: our charity run",
                        "Our team ran the Warsaw half marathon and raised money for the "
                        "children's hospital.",
                    ),
                    (
                        "Intranet: new office opening hours",
                        "From {date} the office opens at 6:30.",
                    ),
                ],
            },
        ],
    },
    {
        "code": "CS",
        "slug": "customer-service",
        "name": "Customer Service",
        "name_pl": "Obsługa Klienta",
        "description": "Hand customers' complaints and questions to the people who answer "
        "customers every day; we keep the customer informed and tell you the outcome.",
        "description_pl": "Przekaż reklamacje i pytania klientów osobom, które codziennie "
        "rozmawiają z klientami; będziemy informować klienta i przekażemy Ci wynik.",
        "contact_email": f"customerservice@{DOMAIN}",
        "services": [
            {
                "slug": "complaint-handover",
                "name": "Customer complaint handover",
                "name_pl": "Przekazanie reklamacji klienta",
                "description": "Customer Service takes over a complaint you received from a "
                "customer, registers it, and keeps the customer informed until it is settled. "
                "What to prepare: the customer, the order or invoice number, what went wrong, and "
                "any photos or emails from the customer.",
                "description_pl": "Dział Obsługi Klienta przejmie reklamację otrzymaną od klienta, "
                "zarejestruje ją i będzie informować klienta aż do jej rozpatrzenia. Przygotuj: "
                "nazwę klienta, numer zamówienia lub faktury, opis problemu oraz zdjęcia lub "
                "e-maile od klienta.",
                "target_hours": 8,
                "weight": 3,
                "fields": [
                    {
                        "label": "Customer",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Klient",
                        "required": True,
                        "samples": ["{customer}"],
                    },
                    {
                        "label": "Order or invoice number",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Numer zamówienia lub faktury",
                        "required": True,
                        "samples": ["ZS/{n4}"],
                    },
                    {
                        "label": "Problem",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Problem",
                        "options_pl": [
                            "Uszkodzony towar",
                            "Opóźniona dostawa",
                            "Niewłaściwy produkt",
                            "Błąd na fakturze",
                            "Jakość",
                        ],
                        "required": True,
                        "options": [
                            "Damaged goods",
                            "Late delivery",
                            "Wrong product",
                            "Invoice error",
                            "Quality",
                        ],
                    },
                    {
                        "label": "Value of the goods (PLN)",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Wartość towaru (PLN)",
                        "range": (200, 40000, 10),
                    },
                ],
                "samples": [
                    (
                        "{customer}: pallet delivered damaged",
                        "The customer sent photos of a damaged pallet of yoghurts from Tuesday's "
                        "delivery.",
                        {"Problem": "Damaged goods"},
                    ),
                    (
                        "{customer} complains about a late delivery",
                        "The delivery came two days late and their shelves were empty during a "
                        "promotion.",
                        {"Problem": "Late delivery"},
                    ),
                    (
                        "{customer} was invoiced the wrong price",
                        "They were invoiced the list price instead of the promotion price.",
                        {"Problem": "Invoice error"},
                    ),
                ],
            },
            {
                "slug": "customer-callback",
                "name": "Call a customer back",
                "name_pl": "Oddzwonienie do klienta",
                "description": "A customer service specialist calls a customer back for you, "
                "answers their question or registers the case, and tells you the result. What to "
                "prepare: the customer and contact person, the phone number, what they asked "
                "about, and the best time to call.",
                "description_pl": "Specjalista obsługi klienta oddzwoni do klienta w Twoim "
                "imieniu, odpowie na pytanie lub zarejestruje sprawę i przekaże Ci wynik. "
                "Przygotuj: nazwę klienta i osoby kontaktowej, numer telefonu, czego dotyczyło "
                "pytanie i najlepszą porę na telefon.",
                "target_hours": 4,
                "weight": 2,
                "fields": [
                    {
                        "label": "Customer and contact person",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Klient i osoba kontaktowa",
                        "required": True,
                        "samples": ["{customer}, purchasing"],
                    },
                    {
                        "label": "Phone number",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Numer telefonu",
                        "required": True,
                        "samples": ["{phone}"],
                    },
                    {
                        "label": "Best time to call",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Najlepsza pora na telefon",
                        "options_pl": ["Rano", "Po południu", "O dowolnej porze"],
                        "options": ["Morning", "Afternoon", "Any time"],
                    },
                ],
                "samples": [
                    (
                        "Call {customer} back about an order",
                        "Their buyer called reception and wants to know when Monday's order ships.",
                    ),
                    (
                        "Customer asks about allergens",
                        "A shop owner asks whether our granola may contain traces of nuts.",
                        {"Customer and contact person": "EkoSklep, shop owner"},
                    ),
                ],
            },
        ],
    },
    {
        "code": "SAL",
        "slug": "sales",
        "name": "Sales",
        "name_pl": "Sprzedaż",
        "description": "Price quotes and new leads: pass on a customer you met and Sales "
        "follows up.",
        "description_pl": "Oferty cenowe i nowe kontakty handlowe: przekaż klienta, którego "
        "poznałeś/-aś, a dział sprzedaży się nim zajmie.",
        "contact_email": f"sales@{DOMAIN}",
        "services": [
            {
                "slug": "price-quote",
                "name": "Price quote for a customer",
                "name_pl": "Oferta cenowa dla klienta",
                "description": "A priced offer from Sales for a customer you are in touch with, "
                "with volumes, discounts and delivery terms approved. What to prepare: the "
                "customer, the products and quantities, the delivery place, and how long the "
                "customer expects the offer to be valid.",
                "description_pl": "Oferta cenowa przygotowana przez dział sprzedaży dla klienta, "
                "z którym jesteś w kontakcie, z zatwierdzonymi wolumenami, rabatami i warunkami "
                "dostawy. Przygotuj: nazwę klienta, produkty i ilości, miejsce dostawy oraz "
                "oczekiwany termin ważności oferty.",
                "target_hours": 16,
                "weight": 3,
                "fields": [
                    {
                        "label": "Customer",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Klient",
                        "required": True,
                        "samples": ["{customer}"],
                    },
                    {
                        "label": "Products and quantities",
                        "kind": FieldKind.LONG_TEXT,
                        "label_pl": "Produkty i ilości",
                        "required": True,
                        "samples": ["Natural yoghurt 400 g: 20 pallets a month."],
                    },
                    {"label": "Valid until", "kind": FieldKind.DATE, "label_pl": "Ważna do"},
                    {
                        "label": "Delivery",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Dostawa",
                        "options_pl": ["Dostawa do klienta", "Odbiór własny klienta"],
                        "options": ["Delivered to the customer", "Collected by the customer"],
                    },
                ],
                "samples": [
                    (
                        "Quote for {customer}: private-label yoghurt",
                        "They asked for a price for 20 tonnes a month of natural yoghurt under "
                        "their own brand.",
                    ),
                    (
                        "Offer for a company canteen",
                        "A company canteen in {city} wants weekly deliveries of ready meals.",
                        {
                            "Customer": "Bistro Express",
                            "Products and quantities": "Ready meals, about 300 portions a week.",
                        },
                    ),
                    (
                        "Updated prices for {customer}",
                        "Their buyer asked for updated prices after the milk price increase.",
                    ),
                ],
            },
            {
                "slug": "lead",
                "name": "Pass on a sales lead",
                "name_pl": "Przekazanie kontaktu handlowego",
                "description": "A sales representative contacts a potential customer you met and "
                "tells you what came of it. What to prepare: the company, the contact person with "
                "a phone or email, what they are interested in, and how big the business could "
                "be.",
                "description_pl": "Przedstawiciel handlowy skontaktuje się z potencjalnym "
                "klientem, którego poznałeś/-aś, i powie Ci, co z tego wyniknęło. Przygotuj: "
                "nazwę firmy, osobę kontaktową z telefonem lub e-mailem, czym są zainteresowani i "
                "jak duży może to być biznes.",
                "target_hours": 8,
                "weight": 2,
                "fields": [
                    {
                        "label": "Company",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Firma",
                        "required": True,
                        "samples": ["Hotele Bałtyk"],
                    },
                    {
                        "label": "Contact person",
                        "kind": FieldKind.TEXT,
                        "label_pl": "Osoba kontaktowa",
                        "required": True,
                        "samples": ["Purchasing manager, {phone}"],
                    },
                    {
                        "label": "Estimated yearly volume (PLN)",
                        "kind": FieldKind.NUMBER,
                        "label_pl": "Szacowany roczny obrót (PLN)",
                        "range": (10000, 900000, 5000),
                    },
                    {
                        "label": "Region",
                        "kind": FieldKind.CHOICE,
                        "label_pl": "Region",
                        "options_pl": ["Północ", "Południe", "Wschód", "Zachód", "Eksport"],
                        "required": True,
                        "options": ["North", "South", "East", "West", "Export"],
                    },
                ],
                "samples": [
                    (
                        "Lead: a hotel chain interested in breakfast products",
                        "I met their purchasing manager at a conference in {city}.",
                        {"Company": "Hotele Bałtyk", "Region": "North"},
                    ),
                    (
                        "Lead from the trade fair: a distributor from Lithuania",
                        "They want to distribute our dairy desserts in the Baltic states.",
                        {"Company": "Baltic Foods UAB", "Region": "Export"},
                    ),
                    (
                        "Organic shop chain asks about our products",
                        "A chain of 12 organic shops in {city}.",
                        {"Company": "EkoSklep"},
                    ),
                ],
            },
        ],
    },
]

# What the team and the requester say on each service's timelines (by service slug): the
# agent's questions with the requester's answers, how it ended, and the team's internal notes.
TALK: dict[str, dict[str, list[Any]]] = {
    "account-locked": {
        "questions": [
            (
                "I'm calling the number you gave to confirm it's you. Please pick up.",
                "Done, we just spoke.",
            )
        ],
        "resolutions": [
            "Unlocked; you can log in again. Change the temporary password when asked.",
            "Account unlocked and the password reset; the temporary password went to you by SMS.",
        ],
        "notes": ["Failed logins came from an old phone that still has the previous password."],
    },
    "new-laptop": {
        "questions": [
            (
                'Is the standard 14" model enough? The 16" one needs your manager\'s approval.',
                'The 14" is enough, thanks.',
            ),
            (
                "Could you tell me the asset number on the sticker under your current laptop? "
                "We need it to swap the devices.",
                "It's KST-{n4}.",
            ),
        ],
        "resolutions": [
            "Ready for pickup in the IT room on floor 1 from 9:00 tomorrow. Please bring the old "
            "device with you.",
            "Set up and delivered to the desk, with the accounts and Teams ready.",
        ],
        "notes": [
            "Ordered from the distributor; delivery expected on {date}.",
            "That was the last 14\" in stock; order more for next month's new hires.",
        ],
    },
    "software": {
        "questions": [
            (
                "This one isn't on the approved list. Could your manager confirm the licence "
                "cost here?",
                "My manager approved it by email this morning; I've forwarded it to you.",
            )
        ],
        "resolutions": [
            "Installed and licensed on your laptop. Restart once before the first use.",
            "Licence assigned; install it from the Company Portal.",
        ],
        "notes": ["Three licences left in the pool; two are reserved for Marketing."],
    },
    "access": {
        "questions": [
            (
                "The data owner has to approve this. Who is your manager?",
                "{person}; they know about it.",
            )
        ],
        "resolutions": [
            "Access granted. Log out and in again for it to show up.",
            "Done: the data owner approved, and you have access from today.",
        ],
        "notes": ["Needs the data owner's approval; asked {person} by email."],
    },
    "vpn": {
        "questions": [
            (
                "Can you be at your desk at {hour} for a short remote session? I'll call you on "
                "Teams.",
                "Yes, {hour} works for me.",
            ),
            (
                "Does it happen on the office network as well, or only at home?",
                "Only at home. In the office everything works.",
            ),
        ],
        "resolutions": [
            "VPN installed and tested together in a remote session.",
            "Connections from abroad are allowed for your account until the end of your stay.",
        ],
        "notes": ["The home router drops UDP; switched the profile to TCP."],
    },
    "incident": {
        "questions": [
            (
                "Could you send a screenshot of the error? The exact message helps us find the "
                "cause.",
                "Screenshot attached.",
            ),
            (
                "Does it happen to everyone around you, or only on your computer?",
                "Everyone on our floor.",
            ),
        ],
        "resolutions": [
            "Fixed: a failed update on the server side. Everyone affected should be back to "
            "normal.",
            "Replaced the faulty part and it works again. Tell us if it comes back.",
        ],
        "notes": [
            "Looks like the same issue as last week. Checking the server logs before replying.",
            "Vendor ticket opened; they promise a fix within a day.",
        ],
    },
    "mobile": {
        "questions": [("Which cost centre should the phone go to?", "200 Sales, please.")],
        "resolutions": [
            "The phone is ready in the IT room, with your data moved over from the old one.",
            "Roaming package active for the dates of your trip.",
        ],
        "notes": ["The lost phone is blocked and wiped remotely."],
    },
    "employment-certificate": {
        "questions": [
            (
                "Could you attach the bank's form? Some banks only accept their own template.",
                "Attached the bank's form. Thanks!",
            )
        ],
        "resolutions": [
            "The certificate is ready: the PDF is in your inbox and the signed paper copy is at "
            "reception."
        ],
    },
    "payslip": {
        "questions": [
            (
                "Could you attach the payslip, or tell me which line you mean? I want to check "
                "the right item.",
                "Attached, with the line marked.",
            )
        ],
        "resolutions": [
            "Corrected; the difference will be paid with the next salary.",
            "Explained in the attached note: the amount is right, the bonus was split over two "
            "months.",
        ],
        "notes": [
            "Checked the payroll calculation; it follows the rules, so explain it rather than "
            "correct it.",
            "Salary details: keep this within payroll.",
        ],
    },
    "onboarding": {
        "questions": [
            (
                "Is the start date fixed? The medical check has to happen before the first day.",
                "Yes, the date is confirmed.",
            )
        ],
        "resolutions": [
            "All set: contract signed, medical check booked, and IT and Facilities have their "
            "requests. The welcome pack will be on the desk on day one."
        ],
        "notes": ["The contract waits for the board member's signature; back on Monday."],
    },
    "training": {
        "questions": [
            (
                "We need the signed training agreement before we book. I've sent it to you for "
                "e-signature.",
                "Signed, you should have it now.",
            )
        ],
        "resolutions": ["Booked and confirmed. The provider will send you the invitation."],
        "notes": ["Fits in this year's training budget of the department."],
    },
    "leave": {
        "questions": [
            (
                "Which dates do you mean? The system shows two absences that month.",
                "The second one. The first absence is fine.",
            )
        ],
        "resolutions": [
            "Corrected in the HR portal; your balance is up to date now.",
            "Explained in the attached note: the carried-over days expired at the end of "
            "September, as the leave policy says.",
        ],
    },
    "supplier-invoice": {
        "questions": [
            (
                "The invoice isn't in our system yet. Could you attach the PDF?",
                "Attached. The supplier sent it to me directly.",
            ),
            ("Which cost centre should this be booked to?", "300 Marketing, please."),
        ],
        "resolutions": [
            "Booked and scheduled for payment on the due date.",
            "Paid today; the supplier should see it tomorrow.",
        ],
        "notes": [
            "Supplier not in the vendor database yet; added today, waiting for the bank account "
            "check.",
            "Above my approval limit; asked {person} to approve.",
        ],
    },
    "expenses": {
        "questions": [
            (
                "Two receipts are missing from the scan (the taxi on day two). Could you add them?",
                "Sorry about that, here they are.",
            )
        ],
        "resolutions": [
            "Approved and paid in today's transfer run; it should reach your account within a day."
        ],
        "notes": ["Two receipts duplicate last month's claim. Check before paying."],
    },
    "budget-report": {
        "questions": [
            ("Should I split the costs by account or by supplier?", "By supplier, please.")
        ],
        "resolutions": [
            "Report sent to your email; the main variances are explained on the comments tab."
        ],
    },
    "credit-limit": {
        "questions": [
            (
                "Could you get their latest financial statement? The public one is over a year "
                "old.",
                "I asked the customer; attached what they sent.",
            )
        ],
        "resolutions": [
            "Approved: the limit is active in SAP from today.",
            "Approved at a lower limit for the first three months; we'll review it after that.",
        ],
        "notes": ["Two late payments last year, otherwise fine."],
    },
    "urgent-building-issue": {
        "questions": [
            (
                "Is anyone on the spot now? The technician will call you when he arrives.",
                "Yes, I'm here.",
            )
        ],
        "resolutions": [
            "Fixed on site; the technician will check it again tomorrow morning.",
            "A temporary fix is in place; the contractor comes for the final repair.",
        ],
        "notes": [
            "The landlord's responsibility under the lease; reported to the building management."
        ],
    },
    "repair": {
        "questions": [
            ("Could you send a photo? It helps us bring the right parts.", "Photo attached."),
            (
                "Will you be in the office tomorrow morning? The technician needs to get to your "
                "desk.",
                "Yes, from 8:30.",
            ),
        ],
        "resolutions": [
            "Fixed this morning. Let us know if it happens again.",
            "Replaced with a new one; the old one went to recycling.",
        ],
        "notes": ["Technician booked for tomorrow morning.", "Spare part ordered, three days."],
    },
    "room-setup": {
        "questions": [
            ("How many vegetarian meals do you need?", "Two vegetarian and one gluten-free.")
        ],
        "resolutions": [
            "The room is booked and the setup confirmed with the caterer. Guest passes wait at "
            "reception."
        ],
    },
    "access-card": {
        "questions": [
            (
                "Could you come to reception to have your photo taken for the card?",
                "I'll come by at {hour}.",
            )
        ],
        "resolutions": [
            "Your card is ready at reception; the old one is blocked.",
            "Parking place 14 on level -1 is yours from the first of the month.",
        ],
    },
    "travel": {
        "questions": [
            (
                "The early train is full. Is the 9:15 fine, arriving at 12:20?",
                "Yes, that works.",
            )
        ],
        "resolutions": ["Booking confirmed; tickets and hotel details are in your email."],
        "notes": ["The hotel near the fair is above the policy rate; {person} approved it."],
    },
    "contract-review": {
        "questions": [
            (
                "Could you send the draft in Word? We can't track changes in a PDF.",
                "Here is the Word version from the customer.",
            ),
            (
                "What was agreed commercially on penalties? The draft has 0.5% per day.",
                "Penalties weren't discussed. Please propose a cap.",
            ),
        ],
        "resolutions": [
            "Reviewed: our comments are in tracked changes, with a short summary of the risks on "
            "the first page."
        ],
        "notes": [
            "Their template is one-sided; propose ours instead.",
            "No liability cap. Escalate to {person} if they refuse one.",
        ],
    },
    "nda": {
        "questions": [
            (
                "Who signs on their side, and do they need a Polish version as well?",
                "Their managing director; English only is fine.",
            )
        ],
        "resolutions": ["Signed on our side; please send it to the counterparty for signature."],
    },
    "gdpr": {
        "questions": [
            (
                "When exactly did it happen, and has anyone outside replied?",
                "This morning at 9:40. The recipient confirmed they deleted it.",
            )
        ],
        "resolutions": [
            "Answered in the attached memo. Short version: yes, if we update the privacy notice "
            "first.",
            "Assessed as low risk: no need to notify the authority. Recorded in the register.",
        ],
        "notes": ["Low risk; no notification needed, but record it in the register."],
    },
    "new-report": {
        "questions": [
            (
                "Could we have a 15-minute call to go through the draft? Tomorrow at {hour}?",
                "Sure, {hour} works.",
            ),
            (
                "Which definition of sales do you need: invoiced or ordered?",
                "Invoiced, net of returns.",
            ),
        ],
        "resolutions": [
            "Published in Power BI (workspace Sales) and you have access. The data refreshes "
            "every morning at 6:00."
        ],
        "notes": ["Reuse the model from the key accounts dashboard."],
    },
    "data-extract": {
        "questions": [
            (
                "Should it include customers that were merged last year?",
                "No, only active customer accounts.",
            )
        ],
        "resolutions": ["Extract attached (Excel); the filters are described on the first sheet."],
        "notes": ["The extract had personal data; removed emails and phone numbers."],
    },
    "figures-check": {
        "questions": [
            (
                "Which filters did you use? With the default view I see the right figures.",
                "Region South, last week.",
            )
        ],
        "resolutions": [
            "The difference came from credit notes booked late; the report now includes them.",
            "Fixed: the nightly load failed after the SAP upgrade. The figures are complete again.",
        ],
        "notes": ["The source table in SAP changed after the upgrade; the ETL job needs a fix."],
    },
    "presentation": {
        "questions": [
            (
                "Could you send the draft and any pictures you'd like to use?",
                "Draft attached. Pictures from last year's fair would be great.",
            )
        ],
        "resolutions": ["Final version attached, as PDF and PowerPoint."],
    },
    "printed-materials": {
        "questions": [
            (
                "Could you confirm the text: name, title and phone?",
                "Confirmed, all correct.",
            )
        ],
        "resolutions": ["Ordered; delivery to reception expected within five working days."],
        "notes": ["The print house needs the files by Wednesday to make the date."],
    },
    "intranet-news": {
        "questions": [("Do you have a photo we can use?", "Attached two photos.")],
        "resolutions": ["Published on the intranet home page and in Friday's newsletter."],
    },
    "complaint-handover": {
        "questions": [
            (
                "Do you have the delivery note number? The order came in three deliveries.",
                "It's Tuesday's delivery, WZ/{n4}.",
            )
        ],
        "resolutions": [
            "Complaint registered as REK/{n4}; the customer is informed and a credit note is on "
            "its way."
        ],
        "notes": [
            "Key account: let the account manager know before we answer.",
            "Same complaint as REK/{n4}; probably the same batch.",
        ],
    },
    "customer-callback": {
        "questions": [
            ("Nobody answers that number. Do you have another one?", "Try the mobile: {phone}.")
        ],
        "resolutions": ["Called the customer, who is happy with the answer. Notes are in the CRM."],
    },
    "price-quote": {
        "questions": [
            (
                "What monthly volume does the customer expect? It changes the price tier.",
                "About 10 pallets a month to start with.",
            )
        ],
        "resolutions": ["Offer sent to the customer, with you in copy."],
        "notes": ["Below the price floor for this volume; needs the Sales Director's approval."],
    },
    "lead": {
        "questions": [
            (
                "Did they mention a target price or a competitor's offer?",
                "They mentioned a competitor about 5% cheaper.",
            )
        ],
        "resolutions": ["Called the lead; we meet next week. I'll keep you posted."],
        "notes": ["Already in the CRM under another name; it goes to the key account team."],
    },
}
# Internal notes for services without their own.
NOTES = [
    "Similar to a request last month; reuse that answer.",
    "Discussed in this morning's team meeting.",
    "The requester prefers a phone call; called them.",
]

# What anyone may write, whatever the department.
ACKNOWLEDGEMENTS = [
    "Hi {first}, thanks. I'm on it.",
    "Thanks {first}, I'm looking into it and will update you here.",
    "Hi {first}, I'll take care of this.",
]
THANKS = [
    "Thank you!",
    "Thanks a lot, that's exactly what I needed.",
    "Perfect, thank you for the quick help.",
]
CHASERS = [
    "Any news on this?",
    "Hi, is there an update? It's getting urgent on our side.",
]
CHASER_REPLIES = [
    "Still on it, sorry for the wait. I expect to finish in the next day or two.",
    "Thanks for asking. I'm waiting for one more confirmation and will update you here as soon "
    "as I have it.",
]
REOPEN_REASONS = [
    "Unfortunately it's happening again since this morning.",
    "Only half of it is done: the second part is still missing.",
    "The document has a typo in my surname. Could you correct it?",
]
REQUESTER_CANCEL_REASONS = [
    "Sorry, I solved it myself.",
    "Filed by mistake; my colleague already asked for this.",
    "Not needed any more, the meeting was cancelled.",
]
STAFF_CANCEL_REASONS = [
    "This duplicates an earlier request on the same topic; we'll continue there.",
    "This is handled by another team; I've passed the details on to them.",
    "As agreed on the phone, this isn't needed any more.",
]

# --- how each team serves, and what its clients say about it --------------------------------------
# So that the reports have differences to show, each team has its level of service:
# - pace: scales the working time a request takes (1 = as in _live; higher is slower);
# - mood: the mean rating of a request resolved within its target (a late or reopened one gets less);
# - aspects: how quality, speed and communication compare with the overall rating;
# - acts: the chance that a head answers a critical comment with what was done.
LEVELS: dict[str, dict[str, Any]] = {
    "IT": {"pace": 0.7, "mood": 4.55, "aspects": (0.0, 0.3, -0.3), "acts": 0.7},
    "HR": {"pace": 1.0, "mood": 4.3, "aspects": (0.0, -0.2, 0.3), "acts": 0.6},
    "FIN": {"pace": 1.1, "mood": 3.95, "aspects": (0.3, -0.3, -0.2), "acts": 0.5},
    "FAC": {"pace": 1.8, "mood": 3.75, "aspects": (0.2, -0.6, -0.4), "acts": 0.8},
    "LEG": {"pace": 1.2, "mood": 4.2, "aspects": (0.4, -0.5, 0.0), "acts": 0.5},
    "AN": {"pace": 1.0, "mood": 4.3, "aspects": (0.2, 0.0, -0.3), "acts": 0.6},
    "MKT": {"pace": 1.1, "mood": 4.1, "aspects": (0.3, -0.3, 0.0), "acts": 0.4},
    "CS": {"pace": 0.8, "mood": 4.2, "aspects": (0.0, 0.2, 0.3), "acts": 0.6},
    "SAL": {"pace": 1.0, "mood": 4.2, "aspects": (0.0, 0.0, 0.0), "acts": 0.5},
}
# Services that please more or less than their team's usual (added to the team's mood).
SERVICE_MOODS = {
    "account-locked": 0.2,
    "new-laptop": -0.3,
    "payslip": 0.2,
    "expenses": -0.5,
    "repair": -0.4,
    "travel": 0.3,
    "contract-review": -0.2,
    "new-report": -0.3,
    "printed-materials": -0.3,
}
# Who rates: a requester who confirms the resolution often rates it there and then; one whose
# request closes by itself rates less often (from the resolve email); a disappointed one more.
RATE_WHEN_CONFIRMED = 0.55
RATE_WHEN_EXPIRED = 0.35
RATE_MORE_WHEN_DISAPPOINTED = 0.12
# How likely a comment is, by rating.
COMMENT_CHANCE = {1: 0.85, 2: 0.8, 3: 0.55, 4: 0.3, 5: 0.35}

# Comments; {agent} is the first name of whoever resolved the request. A comment that asks for
# something to change comes with what a head did about it, should one answer it.
PRAISE = [
    "Everything works as it should. Great job.",
    "{agent} explained everything patiently. Much appreciated.",
    "Smooth from start to finish.",
    "Very helpful, thank you.",
]
# Praise for speed: only for requests resolved within their target.
QUICK = [
    "Quick and clear, thank you!",
    "Thanks {agent}, that was fast.",
    "Exactly what I asked for, and on time.",
]
NEUTRAL = [
    (
        "Done in the end, but I had to ask twice what was needed.",
        "We rewrote the service description so it says up front what we need from you.",
    ),
    (
        "OK, although it took a bit longer than I hoped.",
        "We now tell you when we expect to finish if it will take more than a day.",
    ),
    (
        "Fine, but the status was not updated for days.",
        "Agreed in the team: every request waiting on us gets an update at least every two days.",
    ),
    (
        "Solved, but nobody told me it was waiting for a colleague.",
        "When a request waits for someone else, we now say so on the request.",
    ),
]
CRITICAL = [
    (
        "I had to chase this several times before anything happened.",
        "Sorry. Unassigned requests now alert the head after two working hours.",
    ),
    (
        "Nobody told me what was going on until I asked.",
        "Discussed with the team; we now update the request whenever anything is waiting.",
    ),
    (
        "Not what I asked for; I had to explain it all again.",
        "We now confirm what is needed before starting on anything unusual.",
    ),
]
LATE = [
    (
        "Took far too long for something this simple.",
        "We now go through the queue twice a day so that small requests don't wait behind big ones.",
    ),
    (
        "Well past the promised time, and no word about the delay.",
        "We now warn you on the request as soon as we see the target will be missed.",
    ),
    (
        "Too slow: we missed our own deadline because of this.",
        "Sorry about this. Urgent requests now go straight to whoever is on duty that day.",
    ),
]
REOPENED = [
    (
        "I had to reopen it because it wasn't actually fixed.",
        "We now check with you that it works before marking a request resolved.",
    ),
    (
        "The first answer didn't solve it; the second one did.",
        "We talked it through at the team meeting and added a final check to our routine.",
    ),
]
# Comments about one service in particular: praise, quick (praise for speed), slow (complaints
# about speed, only for requests that missed their target) and critical (anything else).
SERVICE_COMMENTS: dict[str, dict[str, list[Any]]] = {
    "account-locked": {
        "quick": ["Unlocked within minutes, even though it was late in the evening. Thank you!"],
    },
    "new-laptop": {
        "quick": ["The laptop was ready on the first day, with everything installed."],
        "critical": [
            (
                "The new laptop arrived without the docking station I asked for.",
                "We now go through the accessories with you before handing a laptop over.",
            ),
            (
                "Half of the software was missing on the new machine.",
                "The missing programs are now part of the standard installation.",
            ),
        ],
    },
    "incident": {
        "praise": ["{agent} fixed it remotely while I kept working. Brilliant."],
    },
    "employment-certificate": {
        "quick": ["The certificate was ready the next morning, thank you."],
        "critical": [
            (
                "The certificate had the wrong job title and had to be issued again.",
                "Certificates now get a second check against the contract before signing.",
            )
        ],
    },
    "onboarding": {
        "praise": ["Onboarding went really well; our new colleague had everything on day one."],
    },
    "supplier-invoice": {
        "quick": ["Invoice booked the same day, the supplier is happy."],
        "slow": [
            (
                "The supplier called us twice about the unpaid invoice before it was posted.",
                "Invoices waiting more than three days now show up in our morning review.",
            )
        ],
    },
    "expenses": {
        "slow": [
            (
                "My expense claim waited two weeks without any explanation.",
                "Expense claims are now checked twice a week instead of once.",
            )
        ],
    },
    "repair": {
        "praise": ["The air conditioning works again, thanks {agent}!"],
        "slow": [
            (
                "A week for a broken chair is too long.",
                "We hired a second maintenance technician; small repairs now get a visit within "
                "a day.",
            ),
            (
                "The heater in our room was fixed only after three reminders.",
                "Repairs are now planned every morning, so none is forgotten.",
            ),
        ],
        "critical": [
            (
                "The technician came when nobody was there and left without a note.",
                "The technician now calls before coming and leaves a note when nobody is in.",
            ),
        ],
    },
    "room-setup": {
        "praise": ["The room was set up perfectly for the client visit."],
        "critical": [
            (
                "The meeting room wasn't ready when the guests arrived.",
                "Room set-ups are now checked an hour before the meeting starts.",
            )
        ],
    },
    "contract-review": {
        "praise": ["Thorough review with clear comments we could send to the customer."],
        "slow": [
            (
                "The review took so long that the customer nearly walked away.",
                "Contract reviews now get first comments within two days, the full review after.",
            )
        ],
    },
    "new-report": {"praise": ["The report is exactly what the team needed. Thanks {agent}!"]},
    "data-extract": {
        "critical": [
            (
                "The extract was missing the last week of data.",
                "Extracts are now checked against the source system's totals before we send them.",
            )
        ],
    },
    "presentation": {"praise": ["The presentation looks great; the customer loved it."]},
    "printed-materials": {
        "critical": [
            (
                "The brochures came back with last year's prices.",
                "Prices now come from the current price list only, never from old files.",
            )
        ],
    },
    "customer-callback": {
        "quick": ["The customer was called back within the hour. Very professional."],
    },
    "price-quote": {"quick": ["Quote sent the same day, which won us the order."]},
}
# A head may also pass praise on to the team.
THANKED = [
    "Passed your thanks on to {agent}. Thank you for taking the time!",
    "Shared with the whole team at Monday's meeting. Thank you!",
]

# People: (full name, job title, home department code, client type, role in that team or None).
BUS, EXE, OPS = ClientType.BUSINESS, ClientType.EXECUTIVE, ClientType.OPERATIONAL
PEOPLE: list[tuple[str, str, str, str, str | None]] = [
    # IT
    ("Ewa Szymańska", "Head of IT", "IT", EXE, Role.HEAD),
    ("Robert Nowicki", "IT Service Manager", "IT", EXE, Role.HEAD),
    ("Michał Zieliński", "IT Support Specialist", "IT", OPS, Role.AGENT),
    ("Kacper Wróbel", "Systems Administrator", "IT", OPS, Role.AGENT),
    ("Daniel Brooks", "Network Engineer", "IT", OPS, Role.AGENT),
    ("Natalia Dąbrowska", "IT Support Specialist", "IT", OPS, Role.AGENT),
    ("Filip Borkowski", "Software Developer", "IT", BUS, None),
    ("Oskar Czarnecki", "Software Developer", "IT", OPS, None),
    # HR
    ("Magdalena Kozłowska", "HR Director", "HR", EXE, Role.HEAD),
    ("Aleksandra Jankowska", "HR Business Partner", "HR", BUS, Role.AGENT),
    ("Paweł Wojciechowski", "Payroll Specialist", "HR", OPS, Role.AGENT),
    ("Emily Watson", "Recruiter", "HR", OPS, Role.AGENT),
    ("Alicja Sadowska", "HR Assistant", "HR", OPS, None),
    ("Martyna Zawadzka", "Learning and Development Specialist", "HR", BUS, None),
    # Finance
    ("Tomasz Kwiatkowski", "Finance Manager", "FIN", EXE, Role.HEAD),
    ("Barbara Krawczyk", "Chief Accountant", "FIN", BUS, Role.HEAD),
    ("Łukasz Piotrowski", "Accountant", "FIN", OPS, Role.AGENT),
    ("Monika Grabowska", "Accounts Payable Specialist", "FIN", OPS, Role.AGENT),
    ("Henryk Kubiak", "Chief Financial Officer", "FIN", EXE, None),
    ("Rafał Adamczyk", "Financial Controller", "FIN", BUS, None),
    ("Ewelina Sobczak", "Billing Specialist", "FIN", OPS, None),
    ("Renata Kołodziej", "Accounts Receivable Specialist", "FIN", OPS, None),
    ("Hubert Sowa", "Credit Controller", "FIN", OPS, None),
    # Facilities
    ("Grzegorz Pawłowski", "Facilities Manager", "FAC", EXE, Role.HEAD),
    ("Adam Michalski", "Maintenance Technician", "FAC", OPS, Role.AGENT),
    ("Beata Król", "Office Coordinator", "FAC", OPS, Role.AGENT),
    ("Mark Ellis", "Travel and Fleet Coordinator", "FAC", OPS, Role.AGENT),
    ("Lena Wilk", "Receptionist", "FAC", OPS, None),
    # Legal
    ("Joanna Wieczorek", "General Counsel", "LEG", EXE, Role.HEAD),
    ("Krzysztof Jabłoński", "Legal Counsel", "LEG", BUS, Role.AGENT),
    ("Laura Bennett", "Data Protection Officer", "LEG", BUS, Role.AGENT),
    ("Igor Lis", "Paralegal", "LEG", OPS, None),
    # Analytics
    ("Marcin Majewski", "Head of Analytics", "AN", EXE, Role.HEAD),
    ("Zofia Olszewska", "Data Analyst", "AN", BUS, Role.AGENT),
    ("Ryan Fletcher", "BI Developer", "AN", OPS, Role.AGENT),
    ("Emma Collins", "Data Scientist", "AN", BUS, None),
    # Marketing
    ("Dorota Stępień", "Marketing Manager", "MKT", EXE, Role.HEAD),
    ("Jakub Malinowski", "Graphic Designer", "MKT", OPS, Role.AGENT),
    ("Olivia Hughes", "Content Specialist", "MKT", BUS, Role.AGENT),
    ("Agnieszka Wójcik", "Marketing Specialist", "MKT", BUS, None),
    ("Sebastian Ostrowski", "Brand Manager", "MKT", BUS, None),
    ("Klaudia Tomaszewska", "Social Media Specialist", "MKT", OPS, None),
    ("Charlotte Reid", "Product Marketing Manager", "MKT", BUS, None),
    ("Patryk Kalinowski", "Trade Marketing Specialist", "MKT", BUS, None),
    ("Maja Szulc", "Customer Insights Analyst", "MKT", BUS, None),
    # Customer Service
    ("Iwona Górska", "Customer Service Manager", "CS", EXE, Role.HEAD),
    ("Bartosz Witkowski", "Senior Customer Service Specialist", "CS", OPS, Role.AGENT),
    ("Katarzyna Lewandowska", "Customer Service Specialist", "CS", OPS, None),
    ("Damian Pietrzak", "Customer Service Specialist", "CS", OPS, None),
    ("Weronika Marciniak", "Customer Service Team Leader", "CS", EXE, None),
    ("Julia Kaczmarek", "Customer Service Specialist", "CS", OPS, None),
    ("Aleksander Jasiński", "Customer Service Specialist", "CS", OPS, None),
    ("Zuzanna Lewicka", "Export Customer Service Specialist", "CS", OPS, None),
    # Sales
    ("Sylwia Mazur", "Sales Operations Manager", "SAL", EXE, Role.HEAD),
    ("Hannah Price", "Sales Support Specialist", "SAL", OPS, Role.AGENT),
    ("George Mitchell", "Chief Commercial Officer", "SAL", EXE, None),
    ("Piotr Kamiński", "Sales Director", "SAL", EXE, None),
    ("Marek Sikora", "Regional Sales Manager (South)", "SAL", EXE, None),
    ("Mateusz Kowalczyk", "Regional Sales Manager (North)", "SAL", EXE, None),
    ("James Carter", "Export Sales Manager", "SAL", EXE, None),
    ("Anna Zając", "Key Account Manager", "SAL", BUS, None),
    ("Paulina Szewczyk", "Key Account Manager", "SAL", BUS, None),
    ("Dominika Nowakowska", "Key Account Manager", "SAL", BUS, None),
    ("Tomasz Górecki", "Pricing Analyst", "SAL", BUS, None),
    ("Karolina Baran", "Sales Representative", "SAL", OPS, None),
    ("Wojciech Duda", "Sales Representative", "SAL", OPS, None),
    ("Krystyna Mróz", "Sales Assistant", "SAL", OPS, None),
]
ADMIN = ("Marta Zielińska", "Desk Administrator", "IT")

# The logins `load_demo` prints: one of each kind of person a newcomer wants to try.
FEATURED: list[tuple[str, str, str]] = [
    ("Business client", "Agnieszka Wójcik", "files requests and sees only her own"),
    (
        "Executive client",
        "Piotr Kamiński",
        "files requests (sees only his own) and reads the company reports",
    ),
    ("Operational client", "Katarzyna Lewandowska", "files requests and sees only her own"),
    ("IT agent", "Michał Zieliński", "works the IT queue"),
    ("Head of IT", "Ewa Szymańska", "IT queue, assigns work, IT's feedback and reports"),
    ("Admin", ADMIN[0], "everything, and the admin site at /admin/"),
]

# Polish public holidays (Easter Sunday and Pentecost are Sundays anyway, so left out).
FIXED_HOLIDAYS = [
    ((1, 1), "New Year's Day", "Nowy Rok"),
    ((1, 6), "Epiphany", "Święto Trzech Króli"),
    ((5, 1), "Labour Day", "Święto Pracy"),
    ((5, 3), "Constitution Day", "Święto Konstytucji 3 Maja"),
    ((8, 15), "Assumption Day", "Wniebowzięcie Najświętszej Maryi Panny"),
    ((11, 1), "All Saints' Day", "Wszystkich Świętych"),
    ((11, 11), "Independence Day", "Narodowe Święto Niepodległości"),
    ((12, 24), "Christmas Eve", "Wigilia Bożego Narodzenia"),
    ((12, 25), "Christmas Day", "Boże Narodzenie (pierwszy dzień)"),
    ((12, 26), "Second Day of Christmas", "Boże Narodzenie (drugi dzień)"),
]
EASTER_HOLIDAYS = [
    (1, "Easter Monday", "Poniedziałek Wielkanocny"),
    (60, "Corpus Christi", "Boże Ciało"),
]


# --- helpers ------------------------------------------------------------------------------------


def email_for(full_name: str) -> str:
    """anna.zajac@kestrel.example for Anna Zając: accents dropped, so it is easy to type."""
    plain = full_name.replace("ł", "l").replace("Ł", "L")
    plain = unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode()
    return ".".join(plain.lower().split()) + f"@{DOMAIN}"


def demo_anchor(today: date | None = None) -> datetime:
    """The demo's "now": midnight in Warsaw at the start of `today` (default: today there).

    Everything the demo writes happened before it, and running the command again the same day
    gives the same data.
    """
    if today is None:
        today = datetime.now(TZ).date()
    return datetime.combine(today, time(0), tzinfo=TZ)


def _easter(year: int) -> date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    golden = year % 19
    century, rest = divmod(year, 100)
    h = (19 * golden + century - century // 4 - (century - (century + 8) // 25 + 1) // 3 + 15) % 30
    weekday_shift = (32 + 2 * (century % 4) + 2 * (rest // 4) - h - rest % 4) % 7
    m = (golden + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


def polish_holidays(start: date, end: date) -> list[tuple[date, str, str]]:
    """Public holidays in Poland between start and end (inclusive): (day, English, Polish)."""
    found = []
    for year in range(start.year, end.year + 1):
        for (month, day), name, name_pl in FIXED_HOLIDAYS:
            if (month, day) == (12, 24) and year < 2025:
                continue  # a public holiday only since 2025
            found.append((date(year, month, day), name, name_pl))
        easter = _easter(year)
        for offset, name, name_pl in EASTER_HOLIDAYS:
            found.append((easter + timedelta(days=offset), name, name_pl))
    return sorted(item for item in found if start <= item[0] <= end)


def _translations(model: type[Model], spec: dict[str, Any]) -> dict[str, str]:
    """The spec's translations (name_pl, ...) that the model has columns for."""
    columns = {item.name for item in model._meta.concrete_fields}
    return {key: value for key, value in spec.items() if key.endswith("_pl") and key in columns}


def _is_working_day(day: date, office: WorkingCalendar) -> bool:
    return day.weekday() in office.week and day not in office.holidays


class _Words(dict):
    """Values for one request's {placeholders}, drawn on first use so that a name repeats."""

    def __init__(
        self, rng: random.Random, *, requester: Employee, filed_at: datetime, names: list[str]
    ) -> None:
        super().__init__()
        self.rng = rng
        self.requester = requester
        self.filed_at = filed_at.astimezone(TZ)
        self.names = names
        # The request's one "when" (start date, deadline, trip): a working day soon after filing.
        day = self.filed_at.date() + timedelta(days=rng.randint(3, 21))
        while day.weekday() >= 5:
            day += timedelta(days=1)
        self.day = day

    def __missing__(self, key: str) -> str:
        value = self._draw(key)
        self[key] = value
        return value

    def _draw(self, key: str) -> str:
        rng = self.rng
        if key == "me":
            return self.requester.full_name
        if key == "first":
            return self.requester.get_short_name()
        if key == "dept":
            return self.requester.department.name if self.requester.department else "our team"
        if key == "person":
            return rng.choice([n for n in self.names if n != self.requester.full_name])
        if key == "date":
            return f"{self.day.day} {MONTHS[self.day.month - 1]}"
        if key == "month":
            return MONTHS[(self.filed_at.month - 2) % 12]
        if key == "floor":
            return str(rng.randint(1, 4))
        if key == "phone":
            return f"+48 {rng.randint(500, 799)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        if key == "nip":
            digits = f"{rng.randrange(10**9, 10**10)}"
            return f"{digits[:3]}-{digits[3:6]}-{digits[6:8]}-{digits[8:]}"
        if key == "plate":
            return f"{rng.choice(['WA', 'WI', 'WE', 'PO'])} {rng.randint(10000, 99999)}"
        if key == "invoice":
            return f"FV/{rng.randint(100, 999)}/{self.filed_at.year}"
        if key == "n4":
            return str(rng.randint(1000, 9999))
        pools = {
            "newhire": NEW_HIRES,
            "position": POSITIONS,
            "room": ROOMS,
            "customer": CUSTOMERS,
            "supplier": SUPPLIERS,
            "city": CITIES,
            "hour": HOURS,
        }
        if key in pools:
            return rng.choice(pools[key])
        raise KeyError(f"Unknown placeholder {{{key}}} in the demo texts.")

    def fill(self, template: str) -> str:
        return template.format_map(self)


# --- the organisation ---------------------------------------------------------------------------


@dataclass
class Organisation:
    """What build_organisation created, keyed the way the data above names things."""

    departments: dict[str, Department]  # by code; working hours and holidays prefetched
    services: list[Service]  # in catalog order; service.department is the prefetched one
    specs: dict[int, dict[str, Any]]  # service pk -> its dict in DEPARTMENTS
    fields: dict[int, list[ServiceField]]  # service pk -> its extra fields, in order
    people: dict[str, Employee]  # by full name
    heads: dict[str, list[Employee]]  # by department code
    agents: dict[str, list[Employee]]
    admin: Employee
    holidays: list[Holiday] = field(default_factory=list)

    def team(self, code: str) -> list[Employee]:
        return self.heads[code] + self.agents[code]


def build_organisation(*, anchor: datetime, rng: random.Random) -> Organisation:
    """Departments with hours and holidays, services with extra fields, people and teams."""
    departments = Department.objects.bulk_create(
        Department(
            code=spec["code"],
            slug=spec["slug"],
            name=spec["name"],
            description=spec["description"],
            contact_email=spec["contact_email"],
            time_zone=TIME_ZONE,
            **_translations(Department, spec),
        )
        for spec in DEPARTMENTS
    )
    WorkingHours.objects.bulk_create(
        WorkingHours(department=dept, weekday=weekday, start=OFFICE_OPENS, end=OFFICE_CLOSES)
        for dept in departments
        for weekday in range(5)
    )
    days = polish_holidays(anchor.date() - timedelta(days=183), anchor.date() + timedelta(days=183))
    holidays = Holiday.objects.bulk_create(
        Holiday(department=dept, date=day, name=name)
        for dept in departments
        for day, name, _ in days
    )
    # Read back with hours and holidays prefetched: due times are then computed without queries.
    by_code = {
        dept.code: dept
        for dept in Department.objects.filter(pk__in=[d.pk for d in departments]).prefetch_related(
            "working_hours", "holidays"
        )
    }

    pairs = [
        (
            Service(
                department=by_code[dept_spec["code"]],
                name=spec["name"],
                slug=spec["slug"],
                description=spec["description"],
                target_hours=spec["target_hours"],
                around_the_clock=spec.get("around_the_clock", False),
                order=order,
                **_translations(Service, spec),
            ),
            spec,
        )
        for dept_spec in DEPARTMENTS
        for order, spec in enumerate(dept_spec["services"])
    ]
    # Built on the prefetched departments, so calendar.due_at(service, ...) needs no queries.
    services = Service.objects.bulk_create(service for service, _ in pairs)
    fields = ServiceField.objects.bulk_create(
        ServiceField(
            service=service,
            label=item["label"],
            kind=item["kind"],
            required=item.get("required", False),
            help_text=item.get("help", ""),
            options="\n".join(item.get("options", [])),
            order=order,
            **_translations(
                ServiceField,
                {
                    "label_pl": item.get("label_pl", ""),
                    "help_text_pl": item.get("help_pl", ""),
                    "options_pl": "\n".join(item.get("options_pl", [])),
                },
            ),
        )
        for service, spec in pairs
        for order, item in enumerate(spec["fields"])
    )
    fields_of: dict[int, list[ServiceField]] = defaultdict(list)
    for item in fields:
        fields_of[item.service_id].append(item)

    # One hash for everyone: hashing 68 passwords one by one would take most of a minute.
    password = make_password(PASSWORD)
    people = Employee.objects.bulk_create(
        [
            Employee(
                email=email_for(name),
                full_name=name,
                job_title=title,
                department=by_code[code],
                client_type=client_type,
                password=password,
                date_joined=anchor - timedelta(days=rng.randint(200, 3000)),
            )
            for name, title, code, client_type, _ in PEOPLE
        ]
        + [
            Employee(
                email=ADMIN_EMAIL,
                full_name=ADMIN[0],
                job_title=ADMIN[1],
                department=by_code[ADMIN[2]],
                client_type=ClientType.OPERATIONAL,
                password=password,
                is_staff=True,
                is_superuser=True,
                date_joined=anchor - timedelta(days=400),
            )
        ]
    )
    by_name = {person.full_name: person for person in people}
    heads: dict[str, list[Employee]] = {spec["code"]: [] for spec in DEPARTMENTS}
    agents: dict[str, list[Employee]] = {spec["code"]: [] for spec in DEPARTMENTS}
    memberships = []
    for name, _, code, _, role in PEOPLE:
        if role is None:
            continue
        (heads if role == Role.HEAD else agents)[code].append(by_name[name])
        memberships.append(Membership(department=by_code[code], employee=by_name[name], role=role))
    Membership.objects.bulk_create(memberships)

    return Organisation(
        departments=by_code,
        services=services,
        specs={service.pk: spec for service, spec in pairs},
        fields=dict(fields_of),
        people=by_name,
        heads=heads,
        agents=agents,
        admin=by_name[ADMIN[0]],
        holidays=holidays,
    )


# --- the requests -------------------------------------------------------------------------------


class _Story:
    """One request's life, written the way desk.services would have written it, in memory.

    Each step moves the clock on; a step that would happen after the anchor does not happen,
    which is what leaves recent requests new, in progress, waiting or resolved.
    """

    def __init__(
        self,
        request: Request,
        *,
        service_calendar: WorkingCalendar,
        office: WorkingCalendar,
        team_ids: set[int],
        anchor: datetime,
    ) -> None:
        self.request = request
        self.cal = service_calendar
        self.office = office
        self.team_ids = team_ids
        self.anchor = anchor
        self.filed_at = request.created_at
        self.now = request.created_at
        self.events: list[Event] = []

    # The clock.
    def wait(self, hours: float, *, office: bool = False) -> bool:
        """Move on by `hours` of working time (the service's, or the office's for requesters)."""
        moment = add_business_time(
            self.office if office else self.cal, self.now, timedelta(hours=hours)
        )
        return self.wait_until(moment.replace(microsecond=0))

    def wait_until(self, moment: datetime) -> bool:
        if moment >= self.anchor:
            return False
        self.now = max(self.now, moment)
        return True

    # What desk.services does, step by step (see _record, _touch and _set_status there).
    def record(
        self, actor: Employee | None, kind: str, *, old: str = "", new: str = "", body: str = ""
    ) -> None:
        self.events.append(
            Event(
                request=self.request,
                actor=actor,
                kind=kind,
                old_value=old,
                new_value=new,
                body=body,
                created_at=self.now,
            )
        )

    def touch(self, responder: Employee | None = None) -> None:
        self.request.last_activity_at = self.now
        if (
            responder is not None
            and self.request.first_response_at is None
            and responder.pk != self.request.requester_id
            and responder.pk in self.team_ids
        ):
            self.request.first_response_at = self.now
            self.request.first_response_business_seconds = self.business_seconds()

    def business_seconds(self) -> int:
        """Working time since filing, on the calendar of the request's current service."""
        return int(business_time_between(self.cal, self.filed_at, self.now).total_seconds())

    def set_status(self, actor: Employee | None, new_status: str) -> None:
        request = self.request
        old_status = request.status
        request.status = new_status
        if new_status == Status.WAITING and request.paused_at is None:
            request.paused_at = self.now
        if old_status == Status.WAITING and new_status != Status.WAITING and request.paused_at:
            paused_for = business_time_between(self.cal, request.paused_at, self.now)
            if request.due_at is not None and paused_for > timedelta(0):
                old_due = request.due_at
                request.due_at = add_business_time(self.cal, request.due_at, paused_for)
                self.record(
                    None, EventKind.DUE, old=old_due.isoformat(), new=request.due_at.isoformat()
                )
            request.paused_at = None
        if new_status == Status.RESOLVED and request.resolved_at is None:
            request.resolved_at = self.now
            request.resolution_seconds = int((self.now - self.filed_at).total_seconds())
            request.resolution_business_seconds = self.business_seconds()
            request.met_target = request.due_at is None or self.now <= request.due_at
        if new_status in (Status.CLOSED, Status.CANCELLED) and request.closed_at is None:
            request.closed_at = self.now
        self.record(actor, EventKind.STATUS, old=old_status, new=new_status)
        self.touch(actor)

    def comment(self, author: Employee, body: str, *, internal: bool = False) -> None:
        self.record(author, EventKind.NOTE if internal else EventKind.COMMENT, body=body)
        self.touch(None if internal else author)
        if (
            self.request.status == Status.WAITING
            and author.pk == self.request.requester_id
            and not internal
        ):
            self.set_status(author, Status.IN_PROGRESS)

    def assign(self, actor: Employee, assignee: Employee) -> None:
        old = self.request.assignee
        self.request.assignee = assignee
        self.record(actor, EventKind.ASSIGNED, old=str(old or ""), new=str(assignee))
        self.touch()


@contextmanager
def _keeping_timestamps(*models: type[Model]) -> Iterator[None]:
    """Let bulk_create store the times the stories set, instead of auto_now(_add)'s "now".

    Cheaper than inserting and then rewriting thousands of rows with bulk_update.
    """
    stamped = [
        (item, item.auto_now, item.auto_now_add)
        for model in models
        for item in model._meta.concrete_fields
        if getattr(item, "auto_now", False) or getattr(item, "auto_now_add", False)
    ]
    for item, *_ in stamped:
        item.auto_now = item.auto_now_add = False
    try:
        yield
    finally:
        for item, auto_now, auto_now_add in stamped:
            item.auto_now, item.auto_now_add = auto_now, auto_now_add


def _response_hours(rng: random.Random, target_hours: int, priority: int) -> float:
    """Working hours until the team first acts: a small share of the target, sooner if urgent."""
    urgency = {Priority.URGENT: 0.3, Priority.HIGH: 0.6, Priority.NORMAL: 1, Priority.LOW: 1.5}
    hours = target_hours * rng.uniform(0.02, 0.2) * urgency[priority]
    if rng.random() < 0.12:
        hours += target_hours * rng.uniform(0.3, 1.2)  # it sat unnoticed for a while
    return max(hours, 0.05)


def _live(
    story: _Story,
    rng: random.Random,
    *,
    words: _Words,
    texts: dict[str, Any],
    agent: Employee,
    head: Employee,
    final_service: Service,
    final_calendar: WorkingCalendar,
    pace: float = 1.0,
    untouched: bool = False,
    busy: bool = False,
) -> None:
    """Play one request's life until it ends or reaches the anchor; `pace` scales the team's
    working time (LEVELS), after the draws, so that it never changes what is drawn."""
    request = story.request
    requester = request.requester
    story.record(requester, EventKind.FILED, new=Status.NEW)
    story.touch()
    if untouched:
        return

    fate = rng.random()
    if fate < 0.04:  # the requester withdraws it before anyone starts
        if story.wait(rng.uniform(0.1, 3), office=True):
            story.set_status(requester, Status.CANCELLED)
            story.record(requester, EventKind.COMMENT, body=rng.choice(REQUESTER_CANCEL_REASONS))
        return
    if not story.wait(_response_hours(rng, request.service.target_hours, request.priority) * pace):
        return
    if fate < 0.08:  # a duplicate, or another team's job
        story.set_status(agent, Status.CANCELLED)
        story.record(agent, EventKind.COMMENT, body=rng.choice(STAFF_CANCEL_REASONS))
        return

    # Picked up: the head hands it to someone, or an agent takes it.
    if head != agent and rng.random() < 0.25:
        story.assign(head, agent)
        if not story.wait(rng.uniform(0.1, 3)):
            return
    else:
        story.assign(agent, agent)
    story.set_status(agent, Status.IN_PROGRESS)

    if final_service != request.service:  # filed under the wrong service; the head moves it
        if not story.wait(rng.uniform(0.05, 0.5)):
            return
        old_name = request.service.name
        request.service = final_service
        request.due_at = calendar.due_at(final_service, story.filed_at)
        story.cal = final_calendar
        story.record(head, EventKind.SERVICE, old=old_name, new=final_service.name)
        story.touch()
    if rng.random() < 0.05 and request.priority < Priority.URGENT:
        if not story.wait(rng.uniform(0.05, 1)):
            return
        old_label = Priority(request.priority).label
        request.priority += 1
        story.record(
            head, EventKind.PRIORITY, old=str(old_label), new=str(Priority(request.priority).label)
        )
        story.touch()
    if rng.random() < 0.4:
        if not story.wait(rng.uniform(0.02, 0.3)):
            return
        story.comment(agent, words.fill(rng.choice(ACKNOWLEDGEMENTS)))

    # The work, with questions to the requester on the way. Its pieces add up to `work`
    # (working hours); a few requests get stuck (a part on order, a busy week) and run late.
    work = story.request.service.target_hours * rng.lognormvariate(-1.2, 0.5) * pace
    if busy or rng.random() < 0.1:
        work *= rng.uniform(2, 5)
    rounds = rng.choices([0, 1, 2], weights=[60, 32, 8])[0]
    note = rng.random() < 0.35
    chase = rng.random() < 0.1
    shares = [rng.uniform(0.5, 1.5) for _ in range(rounds + 2)]
    pieces = [max(0.05, work * share / sum(shares)) for share in shares]
    for piece in pieces[:rounds]:
        if not story.wait(piece):
            return
        question, answer = rng.choice(texts["questions"])
        story.set_status(agent, Status.WAITING)
        story.record(agent, EventKind.COMMENT, body=words.fill(question))
        reply = rng.choices(
            [rng.uniform(0.2, 6), rng.uniform(8, 40), rng.uniform(40, 160)], weights=[60, 25, 15]
        )[0]
        if not story.wait(reply, office=True):
            return
        story.comment(requester, words.fill(answer))
    if note:
        if not story.wait(pieces[rounds]):
            return
        story.comment(
            rng.choice([agent, head]),
            words.fill(rng.choice(texts.get("notes", NOTES))),
            internal=True,
        )
    last = pieces[-1] + (0 if note else pieces[rounds])
    if chase:  # the requester asks how it is going; the agent answers
        if not story.wait(last / 2):
            return
        story.comment(requester, rng.choice(CHASERS))
        if not story.wait(rng.uniform(0.1, 1)):
            return
        story.comment(agent, words.fill(rng.choice(CHASER_REPLIES)))
        last /= 2
    if not story.wait(last):
        return
    story.set_status(agent, Status.RESOLVED)
    story.record(agent, EventKind.COMMENT, body=words.fill(rng.choice(texts["resolutions"])))

    # The requester confirms, reopens, or lets it close by itself after the reopen window.
    deadline = request.resolved_at + timedelta(days=settings.DESK_REOPEN_WINDOW_DAYS)
    next_step = rng.random()
    if next_step < 0.06:
        if not story.wait(rng.uniform(1, 16), office=True):
            return
        if story.now <= deadline:
            request.status = Status.IN_PROGRESS
            story.record(
                requester,
                EventKind.REOPENED,
                old=Status.RESOLVED,
                new=Status.IN_PROGRESS,
                body=rng.choice(REOPEN_REASONS),
            )
            story.touch()
            if not story.wait(rng.uniform(1, 8)):
                return
            story.set_status(agent, Status.RESOLVED)
            story.record(
                agent, EventKind.COMMENT, body="Sorted now, sorry about that. Please check again."
            )
            next_step = rng.random()
    if next_step < 0.6:
        if not story.wait(rng.uniform(0.1, 12), office=True):
            return
        if story.now <= deadline:
            if rng.random() < 0.4:
                story.comment(requester, rng.choice(THANKS))
            story.set_status(requester, Status.CLOSED)
            return
    # desk.tasks closes expired resolved requests every 15 minutes.
    closing = max(deadline, story.now) + timedelta(seconds=rng.randint(60, 900))
    if story.wait_until(closing):
        story.set_status(None, Status.CLOSED)


def _answers(
    rng: random.Random,
    service_fields: list[ServiceField],
    field_specs: list[dict[str, Any]],
    fixed: dict[str, Any],
    words: _Words,
) -> list[dict[str, Any]]:
    """Answers to a service's extra fields, stored as desk.forms.RequestForm.extra_answers does."""
    answers = []
    for item, spec in zip(service_fields, field_specs, strict=True):
        if item.label in fixed:
            value = fixed[item.label]
            value = words.fill(value) if isinstance(value, str) else value
        elif not item.required and rng.random() < 0.3:
            continue
        elif item.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT):
            value = words.fill(rng.choice(spec["samples"]))
        elif item.kind == FieldKind.NUMBER:
            low, high, *step = spec["range"]
            value = rng.randrange(low, high + 1, step[0] if step else 1)
        elif item.kind == FieldKind.DATE:
            # The request's one {date}, unless the field asks for another (e.g. a period's start).
            value = words.day
            if "days" in spec:
                value = words.filed_at.date() + timedelta(days=rng.randint(*spec["days"]))
        else:
            value = rng.choice(spec["options"])
        answers.append(
            {"field": item.pk, "label": item.label, "kind": item.kind, "value": str(value)}
        )
    return answers


def _filing_moment(
    rng: random.Random, anchor: datetime, office: WorkingCalendar, around_the_clock: bool
) -> datetime:
    """When a request was filed: more often lately (Desk caught on), mostly in office hours."""
    while True:
        days_ago = 1 + int((HISTORY_DAYS - 1) * rng.random() ** 1.4)
        day = anchor.date() - timedelta(days=days_ago)
        if around_the_clock and rng.random() < 0.3:  # nights and weekends too
            moment = datetime.combine(day, time(0), tzinfo=TZ) + timedelta(
                seconds=rng.randrange(24 * 3600)
            )
            return moment.astimezone(UTC)
        if not _is_working_day(day, office):
            continue
        # Between 7:30 and 17:30, busiest in the morning.
        minutes = rng.triangular(0, 600, 120)
        moment = datetime.combine(day, time(7, 30), tzinfo=TZ) + timedelta(minutes=minutes)
        return moment.replace(microsecond=0).astimezone(UTC)


def build_requests(
    organisation: Organisation,
    *,
    anchor: datetime,
    rng: random.Random,
    count: int = REQUEST_COUNT,
) -> list[Request]:
    """`count` requests filed over the last six months, with their timelines, in every state."""
    org = organisation
    offices = {code: WorkingCalendar.for_department(dept) for code, dept in org.departments.items()}
    calendars = {service.pk: calendar.calendar_for_service(service) for service in org.services}
    services_of: dict[str, list[Service]] = defaultdict(list)
    for service in org.services:
        services_of[service.department.code].append(service)
    featured = {name for _, name, _ in FEATURED}
    names = [name for name, *_ in PEOPLE]

    # Who files where: not the department's own team; the featured clients a bit more often,
    # so their "My requests" page has something to show.
    members = {person.pk for code in org.departments for person in org.team(code)}
    requesters: dict[str, tuple[list[Employee], list[int]]] = {}
    for code in org.departments:
        team = {person.pk for person in org.team(code)}
        pool = [org.people[name] for name in names if org.people[name].pk not in team]
        weights = [
            6 if person.full_name in featured else 1 if person.pk in members else 3
            for person in pool
        ]
        requesters[code] = (pool, weights)

    # Each service gets its share of the requests (by weight), so no department comes out empty.
    weights = [org.specs[service.pk]["weight"] for service in org.services]
    exact = [weight * count / sum(weights) for weight in weights]
    quotas = [int(share) for share in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: quotas[i] - exact[i])
    for i in by_remainder[: count - sum(quotas)]:
        quotas[i] += 1
    chosen = [
        service for service, quota in zip(org.services, quotas, strict=True) for _ in range(quota)
    ]
    rng.shuffle(chosen)

    drafts = []
    for service in chosen:
        code = service.department.code
        pool, weights = requesters[code]
        requester = rng.choices(pool, weights=weights)[0]
        around = service.around_the_clock
        priority = rng.choices(
            [Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.URGENT],
            weights=[0, 40, 40, 20] if around else [15, 60, 20, 5],
        )[0]
        filed_under = service
        siblings = [other for other in services_of[code] if other != service]
        if siblings and rng.random() < 0.03:
            filed_under = rng.choice(siblings)
        filed_at = _filing_moment(rng, anchor, offices[code], around)
        drafts.append((filed_at, service, filed_under, requester, priority))
    drafts.sort(key=lambda draft: draft[0])

    # Whatever day the demo is built on, the latest few wait in the queue untouched and the
    # few before them take long, so every department's queue has something in it.
    latest = [index for index, draft in enumerate(drafts) if not draft[1].around_the_clock]
    untouched, busy = set(latest[-3:]), set(latest[-8:-3])
    numbers: dict[str, int] = defaultdict(int)
    stories = []
    for index, (filed_at, service, filed_under, requester, priority) in enumerate(drafts):
        code = service.department.code
        numbers[code] += 1
        spec = org.specs[service.pk]
        words = _Words(rng, requester=requester, filed_at=filed_at, names=names)
        title, description, *fixed = rng.choice(spec["samples"])
        request = Request(
            department=service.department,
            number=numbers[code],
            service=filed_under,
            requester=requester,
            client_type=requester.client_type,
            title=words.fill(title),
            description=words.fill(description),
            priority=priority,
            status=Status.NEW,
            created_at=filed_at,
            last_activity_at=filed_at,
            due_at=calendar.due_at(filed_under, filed_at),
        )
        request.extra = _answers(
            rng,
            org.fields.get(filed_under.pk, []),
            org.specs[filed_under.pk]["fields"],
            fixed[0] if fixed and filed_under == service else {},
            words,
        )
        agents = org.agents[code]
        if rng.random() < 0.15 or not agents:
            agent = rng.choice(org.heads[code])
        else:
            agent = rng.choices(
                agents, weights=[2 if a.full_name in featured else 1 for a in agents]
            )[0]
        story = _Story(
            request,
            service_calendar=calendars[filed_under.pk],
            office=offices[code],
            team_ids={person.pk for person in org.team(code)},
            anchor=anchor,
        )
        _live(
            story,
            rng,
            words=words,
            texts=TALK[service.slug],
            agent=agent,
            head=rng.choice(org.heads[code]),
            final_service=service,
            final_calendar=calendars[service.pk],
            pace=LEVELS[code]["pace"],
            untouched=index in untouched,
            busy=index in busy,
        )
        if (
            request.status in (Status.NEW, Status.IN_PROGRESS)
            and request.due_at
            and request.due_at + timedelta(minutes=10) < anchor
        ):
            # desk.notifications told the heads back then; no burst of alerts on the first run.
            request.overdue_notified_at = request.due_at + timedelta(minutes=10)
        stories.append(story)

    requests = [story.request for story in stories]
    events = [event for story in stories for event in story.events]
    for story in stories:
        story.request.updated_at = story.request.last_activity_at
    with _keeping_timestamps(Request, Event):
        Request.objects.bulk_create(requests, batch_size=200)
        Event.objects.bulk_create(events, batch_size=500)
    for code, last_number in numbers.items():
        Department.objects.filter(pk=org.departments[code].pk).update(
            last_request_number=last_number
        )
        org.departments[code].last_request_number = last_number
    return requests


# --- feedback and reports ---------------------------------------------------------------------------


def _clamp(score: float) -> int:
    return min(5, max(1, round(score)))


def _finished(requests: list[Request]) -> dict[int, tuple[datetime, bool, bool]]:
    """Of each resolved or closed request: when it was last resolved, whether it was reopened,
    and whether the requester confirmed it (rather than it closing by itself). One query."""
    done = {
        request.pk: request
        for request in requests
        if request.status in (Status.RESOLVED, Status.CLOSED)
    }
    last_resolved: dict[int, datetime] = {}
    reopened: set[int] = set()
    confirmed: set[int] = set()
    events = (
        Event.objects.filter(request_id__in=list(done))
        .filter(
            Q(kind=EventKind.REOPENED)
            | Q(kind=EventKind.STATUS, new_value__in=[Status.RESOLVED, Status.CLOSED])
        )
        .order_by("created_at", "pk")
        .values_list("request_id", "kind", "new_value", "actor_id", "created_at")
    )
    for request_id, kind, new_value, actor_id, created_at in events:
        if kind == EventKind.REOPENED:
            reopened.add(request_id)
        elif new_value == Status.RESOLVED:
            last_resolved[request_id] = created_at
        elif actor_id == done[request_id].requester_id:
            confirmed.add(request_id)
    return {
        pk: (last_resolved[pk], pk in reopened, pk in confirmed)
        for pk in done
        if pk in last_resolved
    }


def _comment(
    rng: random.Random, rating: int, slug: str, *, late: bool, reopened: bool
) -> tuple[str, str]:
    """A comment that fits the rating and what happened, and what a head might do about it."""
    own = SERVICE_COMMENTS.get(slug, {})
    if rating >= 4:
        praise = own.get("praise", []) + PRAISE
        if not late:
            praise += own.get("quick", []) + QUICK
        return rng.choice(praise), rng.choice(THANKED)
    if rating == 3:
        return rng.choice(NEUTRAL)
    if reopened and rng.random() < 0.6:
        return rng.choice(REOPENED)
    if late and rng.random() < 0.6:
        return rng.choice(own.get("slow", []) + LATE)
    if own.get("critical") and rng.random() < 0.7:
        return rng.choice(own["critical"])
    return rng.choice(CRITICAL)


def build_feedback(
    organisation: Organisation,
    requests: list[Request],
    *,
    anchor: datetime,
    rng: random.Random,
) -> list[Feedback]:
    """Ratings of about half the finished requests, by their requesters, and heads' answers.

    Given shortly after the (last) resolution: right away by a requester who confirms it, within
    days from the email otherwise; none after the anchor, so the latest are not rated yet.
    """
    org = organisation
    offices = {code: WorkingCalendar.for_department(dept) for code, dept in org.departments.items()}
    teams = {code: {person.pk for person in org.team(code)} for code in org.departments}
    rows = []
    finished = _finished(requests)
    for request in requests:
        if request.pk not in finished:
            continue
        last_resolved, reopened, confirmed = finished[request.pk]
        code = request.department.code
        if request.requester_id in teams[code]:
            continue  # staff never rate their own department (desk.permissions.can_rate)
        service = request.service
        late = not request.met_target
        chance = RATE_WHEN_CONFIRMED if confirmed else RATE_WHEN_EXPIRED
        if late or reopened:
            chance += RATE_MORE_WHEN_DISAPPOINTED
        if rng.random() >= chance:
            continue
        if confirmed:  # rated on the same page, right after confirming
            given = request.closed_at + timedelta(seconds=rng.randint(20, 600))
        else:
            delay = rng.choices(
                [rng.uniform(0.1, 4), rng.uniform(4, 16), rng.uniform(16, 60)], weights=[50, 30, 20]
            )[0]
            given = add_business_time(offices[code], last_resolved, timedelta(hours=delay))
            given = given.replace(microsecond=0)
        if given >= anchor:
            continue

        level = LEVELS[code]
        mood = level["mood"] + SERVICE_MOODS.get(service.slug, 0)
        if late:
            overrun = request.resolution_business_seconds / (service.target_hours * 3600) - 1
            mood -= 1.0 + 0.3 * min(max(overrun, 0), 3)
        else:
            mood += 0.2
        if reopened:
            mood -= 0.8
        if request.client_type == ClientType.EXECUTIVE:
            mood -= 0.15  # they expect reliability and timeliness
        rating = _clamp(rng.gauss(mood, 0.7))

        # Most fill in all three aspects, some a few, some none.
        quality_shift, speed_shift, talk_shift = level["aspects"]
        shifts = {
            "quality": quality_shift - (0.7 if reopened else 0),
            "speed": speed_shift + (-0.8 if late else 0.3),
            "communication": talk_shift,
        }
        filled = rng.choices(["all", "some", "none"], weights=[60, 20, 20])[0]
        aspects = {
            name: _clamp(rng.gauss(rating + shift, 0.6))
            if filled == "all" or (filled == "some" and rng.random() < 0.5)
            else None
            for name, shift in shifts.items()
        }

        agent = (request.assignee or org.heads[code][0]).get_short_name()
        comment = note = ""
        if rng.random() < COMMENT_CHANCE[rating]:
            comment, note = _comment(rng, rating, service.slug, late=late, reopened=reopened)
            comment, note = comment.format(agent=agent), note.format(agent=agent)
        feedback = Feedback(
            request=request,
            requester_id=request.requester_id,
            department_id=request.department_id,
            service_id=request.service_id,
            client_type=request.client_type,
            rating=rating,
            comment=comment,
            created_at=given,
            updated_at=given,
            **aspects,
        )
        # Closing the loop: heads answer most critical comments, now and then pass praise on.
        answers = level["acts"] if rating <= 3 else 0.1
        if comment and rng.random() < answers:
            acted = add_business_time(
                offices[code], given, timedelta(hours=rng.uniform(1, 24))
            ).replace(microsecond=0)
            if acted < anchor:
                feedback.acted_upon_at = feedback.updated_at = acted
                feedback.acted_upon_by = rng.choice(org.heads[code])
                feedback.acted_upon_note = note
        rows.append(feedback)
    with _keeping_timestamps(Feedback):
        Feedback.objects.bulk_create(rows, batch_size=200)
    return rows


def build_subscriptions(
    organisation: Organisation, *, anchor: datetime
) -> list[ReportSubscription]:
    """Each department's first head gets the monthly report email; last month's already went."""
    today = anchor.date()
    this_month = today.replace(day=1)
    subscriptions = []
    for code, dept in organisation.departments.items():
        last_sent = periods.previous_start(PeriodKind.MONTH, this_month)
        if today < report_email.first_working_day(dept, this_month):
            last_sent = periods.previous_start(PeriodKind.MONTH, last_sent)
        subscriptions.append(
            ReportSubscription(
                employee=organisation.heads[code][0], department=dept, last_sent_month=last_sent
            )
        )
    return ReportSubscription.objects.bulk_create(subscriptions)


def compute_reports(organisation: Organisation, *, anchor: datetime) -> int:
    """The report cells of every week and month of the demo's history, its departments' and the
    company's (what the nightly task would have stored); returns how many were written."""
    ids = [dept.pk for dept in organisation.departments.values()]
    first = anchor.date() - timedelta(days=HISTORY_DAYS)
    # Up to today: the current week and month show the backlog the demo leaves open.
    written = reports.recompute_range(first, anchor.date(), ids, company=True)
    # The cells are current; nothing is left for a worker to do.
    StaleCell.objects.filter(department_id__in=ids).delete()
    return written


# --- the whole demo -----------------------------------------------------------------------------


@dataclass
class Demo:
    anchor: datetime
    organisation: Organisation
    requests: list[Request]
    feedback: list[Feedback] = field(default_factory=list)
    subscriptions: list[ReportSubscription] = field(default_factory=list)
    report_cells: int = 0


def build_demo(*, seed: int = DEFAULT_SEED, today: date | None = None) -> Demo:
    """Build the whole demo in one transaction. Call demo_conflicts() first."""
    anchor = demo_anchor(today)
    # Each part draws from its own generator, so adding a part later changes nothing before it.
    with transaction.atomic(), translation.override("en"):
        organisation = build_organisation(anchor=anchor, rng=random.Random(f"{seed}:organisation"))
        requests = build_requests(
            organisation, anchor=anchor, rng=random.Random(f"{seed}:requests")
        )
        feedback = build_feedback(
            organisation, requests, anchor=anchor, rng=random.Random(f"{seed}:feedback")
        )
        subscriptions = build_subscriptions(organisation, anchor=anchor)
        # Last: the cells are computed from everything above.
        report_cells = compute_reports(organisation, anchor=anchor)
    return Demo(
        anchor=anchor,
        organisation=organisation,
        requests=requests,
        feedback=feedback,
        subscriptions=subscriptions,
        report_cells=report_cells,
    )


def demo_exists() -> bool:
    """The demo is loaded when its admin exists (the marker the command checks)."""
    return Employee.objects.filter(email=ADMIN_EMAIL).exists()


def demo_emails() -> list[str]:
    return [email_for(name) for name, *_ in PEOPLE] + [ADMIN_EMAIL]


def demo_conflicts() -> list[str]:
    """Rows the demo would collide with: departments and people that are not the demo's."""
    codes = [spec["code"] for spec in DEPARTMENTS]
    slugs = [spec["slug"] for spec in DEPARTMENTS]
    names = [spec["name"] for spec in DEPARTMENTS]
    departments = Department.objects.filter(
        Q(code__in=codes) | Q(slug__in=slugs) | Q(name__in=names)
    ).order_by("code")
    people = Employee.objects.filter(email__in=demo_emails()).order_by("email")
    return [f"department {dept.code} ({dept.name})" for dept in departments] + [
        f"employee {email}" for email in people.values_list("email", flat=True)
    ]


def _demo_departments():
    return Department.objects.filter(
        contact_email__iendswith=f"@{DOMAIN}", code__in=[spec["code"] for spec in DEPARTMENTS]
    )


def demo_delete() -> int:
    """Delete the demo's rows, and any request filed in its departments or by its people, with
    their feedback, report subscriptions and report cells.

    Other departments and people stay; the company's cells of the demo's periods are recomputed
    without the demo. Returns how many requests went.
    """
    with transaction.atomic():
        departments = _demo_departments()
        people = Employee.objects.filter(email__iendswith=f"@{DOMAIN}")
        requests = Request.objects.filter(Q(department__in=departments) | Q(requester__in=people))
        for attachment in Attachment.objects.filter(request__in=requests):
            attachment.file.delete(save=False)
        removed = requests.count()
        Feedback.objects.filter(Q(request__in=requests) | Q(requester__in=people)).delete()
        ReportSubscription.objects.filter(
            Q(department__in=departments) | Q(employee__in=people)
        ).delete()
        cells = ReportCell.objects.filter(department__in=departments)
        counted = set(cells.values_list("period_kind", "period_start").distinct())
        cells.delete()
        StaleCell.objects.filter(department__in=departments).delete()
        requests.delete()
        Service.objects.filter(department__in=departments).delete()
        departments.delete()
        people.delete()
        # The company's figures of those periods counted the demo's requests.
        for kind, start in sorted(counted):
            reports.recompute_period(kind, start, [], company=True)
    return removed


@dataclass(frozen=True)
class Login:
    role: str
    name: str
    job_title: str
    email: str
    what: str


def demo_logins() -> list[Login]:
    """The accounts a newcomer should try; all share PASSWORD."""
    titles = {name: title for name, title, *_ in PEOPLE}
    titles[ADMIN[0]] = ADMIN[1]
    return [
        Login(
            role=role,
            name=name,
            job_title=titles[name],
            email=ADMIN_EMAIL if name == ADMIN[0] else email_for(name),
            what=what,
        )
        for role, name, what in FEATURED
    ]
