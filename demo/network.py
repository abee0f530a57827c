"""Demo content for the networks: a few realistic threads and practice examples, so
``make run`` shows a living network. Idempotent: a thread or example whose title
exists is left as it is. Written through the services, so the demo goes through the
same guard, notifications and follows as real use."""

from django.db import transaction

from accounts.models import Kommune, User
from courses.models import PreventionLevel
from network.models import EvidenceLevel, Network, PracticeExample, Thread
from network.services import (
    member_profile_save,
    networks_sync,
    post_create,
    practice_example_create,
    thread_accept_answer,
    thread_create,
)

DEMO_THREADS = [
    {
        "network": "digital-dannelse",
        "author": "deltager.aarhus@demo.ssp.test",
        "title": "Erfaringer med forældremøder om deling af billeder?",
        "body": (
            "Vi ser flere sager i 6.-7. klasse, hvor billeder bliver delt videre "
            "uden samtykke. Har nogen gode erfaringer med forældremøder om emnet?\n\n"
            "Vi overvejer at lade eleverne selv præsentere for forældrene."
        ),
        "replies": [
            (
                "deltager.odense@demo.ssp.test",
                "I Odense har vi haft god effekt af at lade elevrådet stå for en del "
                "af mødet. Forældrene lytter mere, når det er de unge selv, der "
                "fortæller.\n\nVi bruger materialet fra Red Barnets *Sletdet*.",
                True,
            ),
            (
                "deltager.kbh@demo.ssp.test",
                "Enig med @dennis.deltager. Husk at invitere klubben med, så "
                "budskabet også når ud uden for skoletiden.",
                False,
            ),
        ],
    },
    {
        "network": "lovgivning",
        "author": "kontakt.odense@demo.ssp.test",
        "title": "Hvornår må vi udveksle oplysninger efter § 115?",
        "body": (
            "Vi får ofte spørgsmålet fra nye medarbejdere. Har nogen en kort "
            "tjekliste, der forklarer, hvornår man må dele oplysninger i "
            "SSP-samarbejdet – og hvornår det kræver samtykke?"
        ),
        "replies": [
            (
                "underviser@demo.ssp.test",
                "Kort fortalt: formålet skal være kriminalitetsforebyggende, "
                "oplysningerne skal være nødvendige, og de må ikke videregives "
                "uden for samarbejdet. Grundmodulets lektion om informations"
                "udveksling har en tjekliste.",
                True,
            ),
        ],
    },
    {
        "network": "kreds-fyns-politi",
        "author": "politi.fyn@demo.ssp.test",
        "title": "Fælles indsats omkring nytårsaften på Fyn",
        "body": (
            "Skal vi koordinere en fælles indsats mellem kommunerne på Fyn "
            "omkring nytårsaften? Politiet kan deltage i et planlægningsmøde i "
            "begyndelsen af december."
        ),
        "replies": [
            (
                "kontakt.odense@demo.ssp.test",
                "Odense er med. Vi kan lægge lokaler til mødet.",
                False,
            ),
        ],
    },
]

DEMO_EXAMPLES = [
    {
        "author": "kontakt.aarhus@demo.ssp.test",
        "title": "Natteravne og klubber i samarbejde om fredagsaftener",
        "kommune": "0751",
        "target_group": "Unge 13-17 år i boligområder",
        "problem": (
            "Uro og små grupper af unge, der samles sent om aftenen uden voksne "
            "omkring sig."
        ),
        "what_was_done": (
            "Klubberne holder åbent til kl. 23 om fredagen, og natteravnene går "
            "fast rute mellem klub og boligområde. SSP-konsulenten koordinerer "
            "hver måned med politiet."
        ),
        "level": "specifik",
        "evidence": EvidenceLevel.EXPERIENCE_BASED,
        "partners": "Natteravnene, fritidsklubberne, Østjyllands Politi",
        "results": "Færre henvendelser om uro i weekenderne det første halve år.",
        "themes": ["bander-og-rekruttering"],
    },
    {
        "author": "kontakt.odense@demo.ssp.test",
        "title": "Digital dannelse i 5. klasse med ældre elever som undervisere",
        "kommune": "0461",
        "target_group": "Elever i 5. klasse og deres forældre",
        "problem": "Mange børn får en smartphone uden at have talt om, hvad man deler.",
        "what_was_done": (
            "Elever fra 8. klasse underviser 5. klasserne i to lektioner om "
            "billeddeling og fællesskaber online. Forældrene får et kort oplæg "
            "på det efterfølgende forældremøde."
        ),
        "level": "generel",
        "evidence": EvidenceLevel.PROMISING_PRACTICE,
        "partners": "Skolerne, SSP, Medierådet for Børn og Unge",
        "results": (
            "Før- og eftermåling på tre skoler viser, at flere elever ved, hvor "
            "de kan få hjælp."
        ),
        "themes": ["digital-dannelse"],
    },
]


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


@transaction.atomic
def demo_network_seed() -> None:
    """Create the demo threads, replies, an accepted answer, practice examples and
    two directory profiles. Idempotent; skips anything whose author is missing."""
    networks_sync()
    for data in DEMO_THREADS:
        author = _user(data["author"])
        network = Network.objects.filter(slug=data["network"]).first()
        if author is None or network is None:
            continue
        if Thread.objects.filter(title=data["title"]).exists():
            continue
        thread = thread_create(
            user=author, network=network, title=data["title"], body=data["body"]
        )
        for email, body, accepted in data["replies"]:
            replier = _user(email)
            if replier is None:
                continue
            post = post_create(user=replier, thread=thread, body=body)
            if accepted:
                thread_accept_answer(user=author, thread=thread, post=post)
    for data in DEMO_EXAMPLES:
        author = _user(data["author"])
        if (
            author is None
            or PracticeExample.objects.filter(title=data["title"]).exists()
        ):
            continue
        practice_example_create(
            user=author,
            title=data["title"],
            kommune=Kommune.objects.get(code=data["kommune"]),
            target_group=data["target_group"],
            problem=data["problem"],
            what_was_done=data["what_was_done"],
            prevention_level=PreventionLevel.objects.get(slug=data["level"]),
            evidence_level=data["evidence"],
            partners=data["partners"],
            results=data["results"],
            themes=list(Network.objects.filter(slug__in=data["themes"])),
            contact=author,
        )
    for email, job_title, bio in (
        (
            "kontakt.aarhus@demo.ssp.test",
            "SSP-konsulent",
            "Arbejder med natteliv og klubsamarbejde. Ring gerne.",
        ),
        (
            "deltager.odense@demo.ssp.test",
            "Klubmedarbejder",
            "Interesseret i digital dannelse og forældresamarbejde.",
        ),
    ):
        user = _user(email)
        if user is None or hasattr(user, "member_profile"):
            continue
        member_profile_save(
            user=user,
            is_listed=True,
            show_organisation=True,
            show_sector=True,
            job_title=job_title,
            bio=bio,
            themes=list(Network.objects.filter(slug="digital-dannelse")),
        )
