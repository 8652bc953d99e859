"""The vocabulary of the generated company: departments, services, names, titles, problems,
replies, notes and feedback comments, and the weights of priorities and ratings."""

from __future__ import annotations

from bench.generate.plan import SEARCH_WORD

# name, reference code, share of the requests (%), team size (heads and agents)
DEPARTMENTS = [
    ("IT", "IT", 25, 18),
    ("Human Resources", "HR", 12, 8),
    ("Finance", "FIN", 11, 8),
    ("Facilities", "FAC", 12, 9),
    ("Logistics", "LOG", 9, 7),
    ("Procurement", "PROC", 8, 6),
    ("Marketing", "MKT", 6, 5),
    ("Security", "SEC", 6, 5),
    ("Legal", "LEG", 5, 4),
    ("Training", "TRN", 6, 5),
]
SERVICE_NAMES = {
    "IT": "New laptop, Laptop repair, Printer problem, VPN access, Email and calendar, Software "
    "licence, Password reset, Phone and headset, Network outage, Shared drive access, Monitor or "
    "dock, Meeting room screen, Account for a newcomer, Backup restore, Security incident",
    "HR": "Payslip question, Employment certificate, Leave balance, Contract change, Benefits "
    "card, Onboarding plan, Exit interview, Sick leave paperwork",
    "FIN": "Expense refund, Invoice approval, Cost centre change, Travel advance, Purchase card, "
    "Budget report, Supplier payment, VAT question",
    "FAC": "Broken chair or desk, Heating and cooling, Cleaning, Parking space, Office move, "
    "Key and badge, Kitchen appliance, Light bulb, Printer paper delivery",
    "LOG": "Courier pickup, Inbound delivery, Warehouse space, Pallet transport, Customs papers, "
    "Company car",
    "PROC": "New supplier, Purchase request, Framework contract, Price check, Return to supplier, "
    "Office supplies",
    "MKT": "Brochure design, Social media post, Event stand, Website change, Photo shoot",
    "SEC": "Access card, Visitor registration, CCTV footage, Lost and found, Alarm code",
    "LEG": "Contract review, NDA, Data protection question, Power of attorney",
    "TRN": "Course enrolment, External training, Certificate copy, E-learning access, Trainer "
    "request",
}
SERVICE_VARIANTS = ["", " (remote sites)", " (urgent lane)", " (managers)"]
TARGET_HOURS = [4, 8, 8, 16, 16, 24, 40, 80]
FIRST_NAMES = str.split(
    "Anna Piotr Maria Jan Katarzyna Tomasz Agnieszka Pawel Magdalena Michal Ewa Krzysztof "
    "Joanna Marcin Barbara Lukasz Zofia Adam Natalia Marek Julia Jakub Alicja Kamil Ola Robert "
    "Hanna Wojciech Lena Szymon Irena Rafal Marta Filip Monika Dawid Iga Bartosz Ewelina Igor"
)
LAST_NAMES = str.split(
    "Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski Szymanski Wozniak "
    "Dabrowski Kozlowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski "
    "Pawlowski Michalski Nowicki Adamczyk Dudek Zajac Wieczorek Jablonski Krol Majewski Olszewski "
    "Jaworski Wrobel Malinowski Pawlak Witkowski Walczak Stepien Gorski Rutkowski Michalak"
)
JOB_TITLES = ["Specialist", "Analyst", "Engineer", "Coordinator", "Assistant", "Consultant", ""]
PROBLEMS = [
    "Cannot use the",
    "Problem with the",
    "Request for a new",
    "Question about the",
    "Broken",
    "Need access to the",
    "Urgent: the",
    "Please check the",
    "Follow-up on the",
    "Change to the",
]
THINGS = {
    "IT": f"laptop docking station {SEARCH_WORD} VPN mailbox calendar monitor keyboard licence "
    "account wifi headset scanner server",
    "HR": "payslip contract leave certificate benefits card overtime onboarding referral",
    "FIN": "invoice expense report refund budget cost centre card advance supplier",
    "FAC": f"chair desk radiator air conditioning parking door lock kitchen {SEARCH_WORD} lights",
    "LOG": "delivery pallet courier shipment forklift van customs label",
    "PROC": "order supplier quote contract catalogue return stationery",
    "MKT": "brochure banner post newsletter logo photo website",
    "SEC": "badge visitor pass camera alarm locker",
    "LEG": "contract clause NDA agreement policy consent",
    "TRN": "course workshop certificate e-learning trainer",
}
PLACES = ["on floor 2", "in building B", "in the Krakow office", "at home", "in room 3.14", ""]
SENTENCES = [
    "It stopped working this morning.",
    "I have tried restarting it twice.",
    "This blocks the monthly closing, please help.",
    "My manager approved it last week.",
    "The same thing happened in March.",
    "Details are in the attached screenshot.",
    "Could you also check the second one next to it?",
    "I am out of office on Friday.",
    "Several colleagues in my team have the same issue.",
    "No rush, but it would be good to have it before the audit.",
]
REPLIES = [
    "Thanks, we are looking into it.",
    "Could you send the serial number?",
    "We ordered the part; it should arrive on Thursday.",
    "Done on our side, please check.",
    "I have escalated this to the supplier.",
    "Here is the serial number you asked for.",
    "It works again, thank you!",
    "Still the same problem, unfortunately.",
]
NOTES = [
    "Checked the logs: hardware fault.",
    "Waiting for the supplier's answer.",
    "Same root cause as last month's ticket.",
    "Needs the head's approval above the limit.",
]
FEEDBACK_COMMENTS = [
    "Quick and friendly, thank you.",
    "Took far too long and nobody told me why.",
    "Solved, but I had to ask twice.",
    "Excellent, as always.",
    "The fix did not last long.",
]

PRIORITIES = [1] * 15 + [2] * 60 + [3] * 20 + [4] * 5
RATINGS_MET = [1] * 2 + [2] * 3 + [3] * 8 + [4] * 30 + [5] * 57
RATINGS_MISSED = [1] * 10 + [2] * 14 + [3] * 20 + [4] * 32 + [5] * 24
