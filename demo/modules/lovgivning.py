"""Demo content (Danish): the elective on legislation and information exchange."""

LOVGIVNING: dict = {
    "slug": "lovgivning-og-informationsudveksling",
    "title": "Lovgivning og informationsudveksling",
    "kind": "tilvalgsmodul",
    "summary": (
        "Modulet giver overblik over de juridiske rammer for at dele oplysninger i "
        "SSP-samarbejdet: tavshedspligten, retsplejelovens § 115 om "
        "SSP-informationsudveksling, servicelovens § 49 b og "
        "databeskyttelsesreglernes krav om nødvendighed og proportionalitet. "
        "Oplysninger om enkelte børn deles kun, når det er nødvendigt for den "
        "kriminalitetsforebyggende indsats."
    ),
    "learning_goals": [
        (
            "Du kan forklare, hvad tavshedspligt indebærer, og hvorfor den er "
            "udgangspunktet i alt SSP-arbejde."
        ),
        (
            "Du kan redegøre for hovedindholdet i retsplejelovens § 115 og for, "
            "hvornår oplysninger om enkeltpersoner må udveksles i SSP-samarbejdet."
        ),
        (
            "Du kan beskrive, hvordan den sociale lovgivning, herunder "
            "servicelovens § 49 b, supplerer reglerne i retsplejeloven."
        ),
        (
            "Du kan anvende principperne om nødvendighed, proportionalitet og "
            "dataminimering, når du forbereder, deltager i og dokumenterer et "
            "møde."
        ),
    ],
    "target_groups": (
        "SSP-konsulenter, medlemmer af lokalgrupper, socialrådgivere, skoleledere "
        "og politiets forebyggelsesmedarbejdere, som deltager i møder, hvor "
        "konkrete børn og unge drøftes."
    ),
    "expected_hours": 7,
    "lessons": [
        {
            "slug": "tavshedspligt-som-udgangspunkt",
            "title": "Tavshedspligt som udgangspunkt",
            "summary": (
                "Lektionen forklarer, hvorfor tavshedspligten er udgangspunktet i "
                "SSP-arbejdet, hvad der forstås ved rent private forhold, og "
                "hvornår der alligevel kan deles oplysninger."
            ),
            "body": [
                ("heading", {"text": "Hvorfor tavshedspligt?", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>Som offentligt ansat får du kendskab til oplysninger "
                        "om børn, unge og familier, som de ikke selv har valgt at "
                        "dele med andre. Tavshedspligten beskytter deres privatliv "
                        "og tilliden til de offentlige myndigheder. Hvis en "
                        "familie frygter, at alt, hvad de fortæller skolen eller "
                        "socialrådgiveren, bliver bragt videre, holder de igen med "
                        "netop de oplysninger, der er nødvendige for at kunne "
                        "hjælpe. Derfor er udgangspunktet i SSP-arbejdet altid, at "
                        "oplysninger om enkeltpersoner ikke "
                        "deles.</p><p>Tavshedspligten følger blandt andet af "
                        "forvaltningsloven og straffeloven, og den gælder også, "
                        "når du er holdt op i stillingen. Den gælder over for "
                        "kolleger, der ikke har en saglig grund til at kende "
                        "oplysningerne, og naturligvis over for familie, venner og "
                        "offentligheden.</p>"
                    ),
                ),
                ("heading", {"text": "Rent private forhold", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Særligt beskyttet er oplysninger om <b>rent private "
                        "forhold</b>. Det er fx oplysninger om helbred, misbrug, "
                        "væsentlige sociale problemer, seksuelle forhold og "
                        "strafbare forhold. Også oplysninger om alvorlige "
                        "konflikter i hjemmet eller om, at en forælder er "
                        "fængslet, hører typisk hertil. Den slags oplysninger kan "
                        "kun videregives, hvis der er et klart grundlag i "
                        "lovgivningen eller et gyldigt samtykke.</p>"
                    ),
                ),
                ("heading", {"text": "Hvornår må der deles?", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>Overordnet er der fire veje til lovligt at dele "
                        "oplysninger:</p><ol><li><b>Samtykke:</b> Den unge eller "
                        "forældremyndighedens indehaver giver informeret samtykke "
                        "til, at bestemte oplysninger deles med bestemte personer "
                        "til et bestemt formål.</li><li><b>Særlige lovregler:</b> "
                        "Fx retsplejelovens § 115, som giver mulighed for "
                        "udveksling i SSP-samarbejdet, når det er nødvendigt for "
                        "at forebygge "
                        "kriminalitet.</li><li><b>Værdispringsreglen:</b> "
                        "Oplysninger kan undtagelsesvis videregives, når hensynet "
                        "til barnet eller andre klart overstiger hensynet til den, "
                        "oplysningerne angår.</li><li><b>Underretningspligt:</b> "
                        "Pligten til at underrette kommunen går forud for "
                        "tavshedspligten.</li></ol>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "heading": "Underretningspligten gælder altid",
                        "text": (
                            "<p>Får du kendskab til, at et barn eller en ung kan "
                            "have behov for særlig støtte, har du som offentligt "
                            "ansat en skærpet pligt til at underrette kommunen. "
                            "SSP-samarbejdet erstatter ikke en underretning. Drøft "
                            "gerne bekymringen i SSP-regi, men sørg for, at "
                            "underretningen bliver sendt.</p>"
                        ),
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Samtykke først",
                        "text": (
                            "<p>Selv når loven giver mulighed for at udveksle "
                            "oplysninger uden samtykke, er det god praksis at "
                            "inddrage den unge og forældrene og så vidt muligt få "
                            "deres samtykke. Det styrker tilliden og gør det "
                            "lettere at lægge en fælles plan.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Refleksion", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Overvej, hvilke oplysninger om elever, brugere eller "
                        "borgere du dagligt har adgang til. Hvilke af dem vil du "
                        "vurdere som rent private forhold, og hvem på din "
                        "arbejdsplads har en saglig grund til at kende dem?</p>"
                    ),
                ),
            ],
        },
        {
            "slug": "ssp-informationsudveksling",
            "title": (
                "SSP-informationsudveksling: retsplejelovens § 115 og "
                "servicelovens § 49 b"
            ),
            "summary": (
                "Lektionen gennemgår reglerne om SSP-informationsudveksling i "
                "retsplejelovens § 115 og de supplerende regler i den sociale "
                "lovgivning, herunder servicelovens § 49 b."
            ),
            "body": [
                ("heading", {"text": "Retsplejelovens § 115", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>Retsplejelovens § 115 er den centrale hjemmel for at "
                        "udveksle oplysninger i SSP-samarbejdet. Bestemmelsen "
                        "giver politiet mulighed for at videregive oplysninger om "
                        "enkeltpersoners rent private forhold til andre "
                        "myndigheder, og de øvrige myndigheder i samarbejdet "
                        "mulighed for at videregive oplysninger til politiet og "
                        "til hinanden, når det må anses for <b>nødvendigt af "
                        "hensyn til det kriminalitetsforebyggende samarbejde</b>. "
                        "Bestemmelsen omfatter også PSP-samarbejdet med "
                        "psykiatrien og KSP-samarbejdet med kriminalforsorgen. I "
                        "daglig tale kaldes det SSP-informationsudveksling.</p>"
                    ),
                ),
                ("heading", {"text": "Fire vigtige pointer", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<ul><li><b>Det er en mulighed, ikke en pligt.</b> Ingen "
                        "er forpligtet til at dele oplysninger efter bestemmelsen. "
                        "Den enkelte skal selv vurdere, om delingen er "
                        "nødvendig.</li><li><b>Formålet er forebyggelse.</b> "
                        "Oplysningerne må ikke udveksles med henblik på "
                        "efterforskning af straffesager. Et SSP-møde er ikke et "
                        "forhør.</li><li><b>Nødvendighed er kravet.</b> Det er "
                        "ikke nok, at en oplysning er interessant eller måske "
                        "nyttig. Den skal være nødvendig for at kunne "
                        "tilrettelægge en forebyggende indsats for netop denne "
                        "unge.</li><li><b>Tavshedspligten fortsætter.</b> De, der "
                        "modtager oplysninger, har selv tavshedspligt og må kun "
                        "bruge dem til det forebyggende formål.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Den sociale lovgivning", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>Ud over retsplejeloven indeholder den sociale "
                        "lovgivning regler om udveksling af oplysninger i det "
                        "tidlige og forebyggende samarbejde. Mange "
                        "SSP-medarbejdere kender dem fra serviceloven, bl.a. "
                        "<b>servicelovens § 49 a og § 49 b</b>. Reglerne giver "
                        "fagpersoner omkring udsatte børn og unge – fx skole, "
                        "dagtilbud, sundhedspleje og socialforvaltning – mulighed "
                        "for at udveksle oplysninger, når det er nødvendigt for at "
                        "kunne hjælpe tidligt, også hvor der ikke er en konkret "
                        "bekymring for kriminalitet. Reglerne om børn og unge "
                        "under 18 år er siden 2024 samlet i barnets lov, og "
                        "paragrafnumrene er derfor ikke de samme som tidligere. "
                        "Slå altid den gældende formulering op, før du henviser "
                        "til en bestemt paragraf.</p>"
                    ),
                ),
                ("heading", {"text": "Hvornår bruger man hvad?", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Som tommelfingerregel bruges retsplejelovens § 115, "
                        "når der er en konkret bekymring for, at en ung er på vej "
                        "ind i kriminalitet, og politiet er en relevant part. Den "
                        "sociale lovgivnings regler bruges i det bredere tidlige "
                        "samarbejde om trivsel og udvikling, hvor politiet typisk "
                        "ikke deltager. Er du i tvivl, så spørg din leder eller "
                        "kommunens jurist, før oplysningerne deles.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Et fiktivt eksempel",
                        "text": (
                            "<p>En pige på 15 år er flere gange set sammen med "
                            "unge, der er sigtet for butikstyverier, og hendes "
                            "fravær er steget markant. Skolen, socialrådgiveren og "
                            "forebyggelsesbetjenten mødes efter § 115 for at "
                            "koordinere en indsats. Skolen deler oplysninger om "
                            "fraværet, men ikke om pigens helbredsforhold, som "
                            "ikke har betydning for den forebyggende plan. Både "
                            "eksemplet og personen er opdigtede.</p>"
                        ),
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "heading": "Aldrig i platformens fora",
                        "text": (
                            "<p>Oplysninger om enkelte børn og unge deles kun dér, "
                            "hvor de er nødvendige for den "
                            "kriminalitetsforebyggende indsats – typisk på et "
                            "SSP-møde. De må aldrig skrives i chat, "
                            "diskussionsfora, spørgsmål eller evalueringer her på "
                            "platformen, heller ikke i en form, hvor personen "
                            "stadig kan genkendes.</p>"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "noedvendighed-og-god-praksis",
            "title": "Nødvendighed, proportionalitet og god mødepraksis",
            "summary": (
                "Lektionen omsætter databeskyttelsesreglernes principper om "
                "nødvendighed, proportionalitet og dataminimering til konkret "
                "praksis før, under og efter et SSP-møde."
            ),
            "body": [
                (
                    "heading",
                    {"text": "Databeskyttelse i SSP-arbejdet", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Når oplysninger om en ung udveksles og noteres, er der "
                        "tale om behandling af personoplysninger. Derfor gælder "
                        "databeskyttelsesforordningen og databeskyttelsesloven ved "
                        "siden af reglerne om tavshedspligt. Oplysninger om "
                        "strafbare forhold og helbred er særligt beskyttede og "
                        "kræver ekstra omhu.</p><p>To principper er særligt "
                        "vigtige. <b>Nødvendighed</b> betyder, at du kun må "
                        "behandle de oplysninger, der er nødvendige for formålet. "
                        "<b>Proportionalitet</b> betyder, at indgrebet i den unges "
                        "privatliv skal stå i et rimeligt forhold til det, der "
                        "skal opnås. Sammen med princippet om "
                        "<b>dataminimering</b> betyder det, at man deler så lidt "
                        "som muligt – ikke så meget som muligt.</p>"
                    ),
                ),
                ("heading", {"text": "Før mødet", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<ul><li>Afklar, hvad formålet med drøftelsen er, og "
                        "hvilket lovgrundlag der bruges.</li><li>Overvej, hvem der "
                        "skal deltage. Kun personer, der kan bidrage til "
                        "indsatsen, bør være med.</li><li>Forbered de oplysninger, "
                        "du vil dele, og spørg dig selv ved hver enkelt: Er den "
                        "nødvendig for at kunne hjælpe den unge?</li><li>Inddrag "
                        "den unge og forældrene, og overvej at søge "
                        "samtykke.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Under og efter mødet", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<ul><li>Hold drøftelsen fokuseret på den forebyggende "
                        "indsats, og undgå rygter, formodninger og oplysninger om "
                        "andre end den unge.</li><li>Skriv et kort referat med "
                        "aftaler, ansvarlige og tidspunkt for opfølgning. "
                        "Referatet opbevares i de systemer, der er godkendt til "
                        "formålet – aldrig i private noter, i mails til private "
                        "adresser eller i delte dokumenter uden "
                        "adgangsstyring.</li><li>Slet eller makulér arbejdsnoter, "
                        "når de ikke længere er nødvendige.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Tre spørgsmål, før du deler",
                        "text": (
                            "<p><b>1.</b> Hvad er formålet, og er det "
                            "kriminalitetsforebyggende? <b>2.</b> Er netop denne "
                            "oplysning nødvendig for formålet? <b>3.</b> Er "
                            "modtageren en del af samarbejdet og har brug for "
                            "oplysningen? Kan du ikke svare ja til alle tre, så "
                            "lad være med at dele.</p>"
                        ),
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "heading": "Aldrig personoplysninger på platformen",
                        "text": (
                            "<p>Brug gerne platformens fora til at drøfte metoder, "
                            "dilemmaer og erfaringer – men altid i generelle "
                            "vendinger. Skriv aldrig navne, CPR-numre, adresser "
                            "eller kombinationer af skole, alder og begivenheder, "
                            "der kan føre til, at et barn eller en borger "
                            "genkendes. Platformen afviser automatisk tekst, der "
                            "indeholder et CPR-nummer.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Refleksion", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Tænk på det seneste møde, hvor der blev drøftet en "
                        "konkret ung. Blev der delt oplysninger, som ikke var "
                        "nødvendige for indsatsen? Hvad kunne I gøre anderledes "
                        "næste gang, fx i forberedelsen eller i måden, referatet "
                        "blev skrevet på?</p>"
                    ),
                ),
            ],
        },
    ],
}
