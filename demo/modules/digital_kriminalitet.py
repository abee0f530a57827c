"""Demo content (Danish): the elective on digital crime among young people."""

DIGITAL_KRIMINALITET: dict = {
    "slug": "digital-kriminalitet-blandt-unge",
    "title": "Digital kriminalitet blandt unge",
    "kind": "tilvalgsmodul",
    "summary": (
        "Modulet sætter fokus på kriminalitet, der foregår på eller via nettet: "
        "digitale sexkrænkelser og deling af krænkende billeder, online svindel og "
        "unge, der bliver brugt som muldyr. Du får redskaber til at forebygge og "
        "handle sammen med skole, forældre og politi."
    ),
    "learning_goals": [
        (
            "Du kan beskrive, hvordan unges liv på sociale medier og i onlinespil "
            "skaber nye risici for både at blive offer og gerningsperson."
        ),
        (
            "Du kan forklare, hvorfor deling af krænkende billeder er strafbart, "
            "og hvordan du støtter den forurettede."
        ),
        (
            "Du kan genkende tegn på, at en ung bliver brugt som muldyr eller er "
            "involveret i online svindel."
        ),
        (
            "Du kan planlægge en forebyggende indsats om digital kriminalitet på "
            "alle tre niveauer i forebyggelsespyramiden."
        ),
    ],
    "target_groups": (
        "SSP-medarbejdere, lærere, klub- og fritidsmedarbejdere, socialrådgivere "
        "og forebyggelsesbetjente, der møder børn og unge i alderen 10-18 år, samt "
        "ledere, der skal prioritere indsatsen mod digital kriminalitet."
    ),
    "expected_hours": 7,
    "lessons": [
        {
            "slug": "unges-digitale-liv",
            "title": "Unges digitale liv og nye risici",
            "summary": (
                "Lektionen beskriver, hvordan sociale medier og onlinespil er en "
                "naturlig del af unges liv, og hvordan de samme rum kan bruges til "
                "krænkelser, svindel og rekruttering til kriminalitet."
            ),
            "body": [
                ("heading", {"text": "Online og offline er ét liv", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>For de fleste børn og unge er der ikke et skarpt skel "
                        "mellem livet på nettet og livet i skolegården. Venskaber, "
                        "forelskelser og konflikter fortsætter på sociale medier, "
                        "i gruppechats og i onlinespil. Langt det meste af det, "
                        "unge laver online, er positivt: De holder kontakt med "
                        "venner, lærer nyt og finder fællesskaber. Men de digitale "
                        "rum giver også nye muligheder for at begå og blive udsat "
                        "for kriminalitet – ofte uden at de unge selv opfatter "
                        "det, de gør, som kriminelt.</p>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Hvorfor er det svært at få øje på?", "level": "h3"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Digital kriminalitet foregår sjældent dér, hvor voksne "
                        "er til stede. Beskeder forsvinder efter kort tid, "
                        "kontakter skifter platform, og unge bruger et sprog og "
                        "nogle koder, som voksne ikke altid forstår. Samtidig kan "
                        "skam og frygt for at miste telefonen betyde, at unge ikke "
                        "fortæller, når noget er gået galt. Derfor er relationen "
                        "til en tryg voksen en af de vigtigste "
                        "beskyttelsesfaktorer.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": "Typiske former for digital kriminalitet",
                        "level": "h2",
                    },
                ),
                (
                    "paragraph",
                    (
                        "<ul><li><b>Digitale sexkrænkelser</b>, fx deling af "
                        "intime billeder uden samtykke og afpresning med "
                        "billeder.</li><li><b>Svindel og bedrageri</b>, fx falske "
                        "salg på handelsplatforme og misbrug af andres "
                        "log-in.</li><li><b>Muldyr</b>, hvor unge låner deres "
                        "bankkonto ud til at flytte penge fra "
                        "kriminalitet.</li><li><b>Trusler, chikane og hadefulde "
                        "ytringer</b> i chats og "
                        "kommentarspor.</li><li><b>Rekruttering til "
                        "kriminalitet</b>, hvor kriminelle netværk kontakter unge "
                        "via sociale medier og krypterede beskedtjenester og "
                        "tilbyder penge for at løse opgaver.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Spil og fællesskaber", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Onlinespil er for mange unge et vigtigt socialt rum, "
                        "hvor de samarbejder og taler med venner. Her kan de også "
                        "møde fremmede, der opbygger en relation for at opnå noget "
                        "– fx billeder, penge eller hjælp til kriminelle opgaver. "
                        "Handel med spilvaluta og spilkonti kan desuden være en "
                        "indgang til svindel. Spørg nysgerrigt ind til, hvad de "
                        "unge spiller, og hvem de spiller med, frem for at forbyde "
                        "eller fordømme.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Din rolle som SSP-medarbejder",
                        "text": (
                            "<p>Du behøver ikke være teknisk ekspert. Det "
                            "vigtigste er, at du holder dig orienteret om de "
                            "platforme, de unge bruger, viser interesse for deres "
                            "digitale liv og ved, hvem du kan gå til, når du "
                            "bliver bekymret – fx SSP-konsulenten eller politiets "
                            "forebyggelsesmedarbejdere.</p>"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "digitale-sexkraenkelser",
            "title": "Digitale sexkrænkelser og deling af krænkende billeder",
            "summary": (
                "Lektionen handler om deling af intime billeder uden samtykke og "
                "afpresning med billeder og om de konsekvenser, det har for både "
                "den forurettede og den, der deler. Du får bud på, hvordan SSP kan "
                "forebygge og handle."
            ),
            "body": [
                (
                    "heading",
                    {"text": "Når et billede bliver delt videre", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Mange unge sender intime billeder til en kæreste eller "
                        "en, de er interesserede i. Krænkelsen opstår, når "
                        "billedet bliver delt videre uden samtykke, eller når det "
                        "bruges til at presse eller true. Et billede, der først er "
                        "sendt rundt i gruppechats, kan være umuligt at få helt "
                        "fjernet, og for den forurettede kan konsekvenserne være "
                        "alvorlige: skam, isolation, skolefravær og i nogle "
                        "tilfælde selvskade.</p>"
                    ),
                ),
                ("heading", {"text": "Det er strafbart at dele", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Det er strafbart at videregive private billeder af en "
                        "anden person uden samtykke. Når personen på billedet er "
                        "under 18 år, kan deling af seksuelle billeder desuden "
                        "straffes efter de særligt strenge regler om seksuelt "
                        "materiale med børn – også når den, der deler, selv er "
                        "ung. Danske sager, hvor hundredvis af unge er blevet "
                        "sigtet for at dele den samme video, har vist, hvor "
                        "hurtigt deling kan brede sig, og hvor alvorlige "
                        "konsekvenserne kan blive. En dom kan få betydning for "
                        "uddannelse, job og rejser i mange år.</p>"
                    ),
                ),
                ("heading", {"text": "Afpresning med billeder", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>En særlig alvorlig form er afpresning, hvor en person "
                        "– ofte en fremmed, der udgiver sig for at være "
                        "jævnaldrende – får den unge til at sende billeder og "
                        "derefter kræver penge eller flere billeder under trussel "
                        "om at sprede dem. Unge, der udsættes for det, skal vide, "
                        "at de ikke skal betale, at de skal gemme beskederne og "
                        "stoppe kontakten, og at de kan få hjælp hos en voksen og "
                        "hos politiet.</p>"
                    ),
                ),
                ("heading", {"text": "Hvad kan SSP gøre?", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<ul><li><b>Generelt:</b> Undervisning i samtykke og "
                        "digital dømmekraft og i, hvad man gør, hvis man modtager "
                        "et billede, der ikke burde deles. Forældremøder om, "
                        "hvordan man taler med sit barn om emnet uden "
                        "skældud.</li><li><b>Specifikt:</b> Målrettede samtaler i "
                        "en klasse eller gruppe, hvor der har været deling, gerne "
                        "sammen med politiets forebyggelsesmedarbejdere.</li><li>"
                        "<b>Individorienteret:</b> Støtte til den forurettede og "
                        "inddragelse af forældre, socialforvaltning og politi. "
                        "Også den, der har delt, har brug for en voksen, der "
                        "hjælper med at forstå konsekvenserne.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "heading": "Del aldrig billedet som dokumentation",
                        "text": (
                            "<p>Som fagperson må du aldrig videresende, kopiere "
                            "eller gemme et krænkende billede – heller ikke for at "
                            "vise en kollega eller dokumentere sagen. Beskriv i "
                            "stedet, hvad du har set, og overlad sikringen af "
                            "beviser til politiet.</p>"
                        ),
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Fokus på den forurettede",
                        "text": (
                            "<p>Den, der er blevet krænket, skal mødes med omsorg "
                            "og aldrig med bebrejdelser som »hvorfor sendte du "
                            "det?«. Ansvaret ligger hos den, der deler eller "
                            "afpresser.</p>"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "svindel-og-muldyr",
            "title": "Online svindel, muldyr og forebyggelse",
            "summary": (
                "Lektionen forklarer, hvordan unge bliver lokket til at låne deres "
                "bankkonto eller digitale identitet ud, hvilke konsekvenser det "
                "har, og hvordan SSP kan forebygge online svindel."
            ),
            "body": [
                ("heading", {"text": "Hvad er et muldyr?", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>Et muldyr er en person, der lader sin bankkonto bruge "
                        "til at modtage og sende penge videre for andre. Pengene "
                        "stammer ofte fra svindel, fx fra ældre mennesker, der er "
                        "blevet snydt over telefonen eller via falske beskeder. "
                        "Kriminelle bruger unge som muldyr, fordi de har konti, "
                        "der ikke tidligere er brugt til kriminalitet, og fordi de "
                        "kan være lette at overtale.</p><p>Henvendelsen kommer "
                        "typisk via sociale medier eller fra en bekendt og "
                        "præsenteres som en nem måde at tjene penge på: Du skal "
                        "bare modtage et beløb, hæve det eller overføre det videre "
                        "og må selv beholde en del. Nogle gange bliver den unge "
                        "også bedt om at udlevere sit log-in eller sin digitale "
                        "identitet.</p>"
                    ),
                ),
                ("heading", {"text": "Konsekvenserne er alvorlige", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Mange unge tror ikke, at de gør noget ulovligt, fordi "
                        "de ikke selv har snydt nogen. Men at stille sin konto til "
                        "rådighed for penge fra kriminalitet kan straffes, og den "
                        "unge kan blive mødt med krav om at betale pengene "
                        "tilbage. Banken kan lukke kontoen, og det kan blive svært "
                        "at få en ny. Samtidig kan bagmændene bruge den unges "
                        "involvering til at presse vedkommende til nye opgaver. "
                        "Udlån af log-in og digital identitet giver desuden andre "
                        "mulighed for at optage lån, tegne abonnementer og begå ny "
                        "svindel i den unges navn.</p>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Andre former for online svindel", "level": "h3"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Unge kan også selv blive snydt eller begå svindel: "
                        "falske salg af tøj, billetter eller spilkonti, misbrug af "
                        "andres konti og falske hjemmesider, der lokker med "
                        "gevinster. Nogle unge begynder med små svindelnumre, som "
                        "de ser omtalt i videoer på sociale medier, uden at "
                        "forstå, at der er tale om bedrageri.</p>"
                    ),
                ),
                ("heading", {"text": "SSP's forebyggende indsats", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<ul><li>Tal med de unge om, at et tilbud om nemme penge "
                        "næsten altid er for godt til at være sandt, og at kontoen "
                        "og den digitale identitet er personlige og aldrig må "
                        "lånes ud.</li><li>Inddrag forældrene, fx på "
                        "forældremøder, så de kender tegnene: pludselige "
                        "pengebeløb, nye dyre ting eller en ung, der virker "
                        "presset.</li><li>Samarbejd med politiet og gerne lokale "
                        "pengeinstitutter om oplysning i udskolingen og på "
                        "ungdomsuddannelserne.</li><li>Sørg for, at unge, der "
                        "allerede er involveret, ved, at de kan få hjælp til at "
                        "komme ud af det uden at blive mødt med "
                        "fordømmelse.</li></ul>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Et fiktivt eksempel",
                        "text": (
                            "<p>En dreng på 16 år får en besked fra en ukendt "
                            "profil, der tilbyder ham 2.000 kr. for at låne sin "
                            "konto ud i en dag. Han fortæller det til en "
                            "klubmedarbejder, som taler med ham om risikoen og "
                            "hjælper ham med at blokere og anmelde profilen. "
                            "Klubben tager bagefter emnet op på et fællesmøde for "
                            "alle unge. Eksemplet er opdigtet.</p>"
                        ),
                    },
                ),
            ],
        },
    ],
}
