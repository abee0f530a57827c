"""Demo content (Danish): the base module, SSP co-operation and crime prevention."""

GRUNDMODUL: dict = {
    "slug": "grundmodul",
    "title": "Grundmodul: SSP-samarbejdet og kriminalitetsforebyggelse",
    "kind": "grundmodul",
    "summary": (
        "Grundmodulet giver et fælles fundament for alle, der arbejder i "
        "SSP-samarbejdet. Du lærer, hvordan samarbejdet mellem skole, "
        "socialforvaltning og politi er bygget op fra kommunen over politikredsen "
        "til det nationale niveau, og hvordan forebyggelsespyramiden hjælper dig "
        "med at vælge den rette indsats på det rette tidspunkt."
    ),
    "learning_goals": [
        (
            "Du kan forklare SSP-samarbejdets formål og de grundlæggende "
            "principper for tværfagligt, kriminalitetsforebyggende arbejde."
        ),
        (
            "Du kan beskrive SSP-organisationens niveauer i kommunen, i "
            "politikredsen og nationalt og placere din egen rolle i den."
        ),
        (
            "Du kan skelne mellem generel, specifik og individorienteret "
            "forebyggelse og give eksempler på indsatser på hvert niveau."
        ),
        (
            "Du kan bruge viden om risiko- og beskyttelsesfaktorer til at vurdere, "
            "hvornår en bekymring bør drøftes i SSP-regi."
        ),
    ],
    "target_groups": (
        "Alle nye deltagere i SSP-samarbejdet: SSP-konsulenter og -koordinatorer, "
        "lærere, pædagoger og klubmedarbejdere, socialrådgivere, ledere med "
        "SSP-ansvar og politiets forebyggelsesmedarbejdere. Grundmodulet tages før "
        "tilvalgsmodulerne."
    ),
    "expected_hours": 14,
    "lessons": [
        {
            "slug": "hvad-er-ssp-samarbejdet",
            "title": "Hvad er SSP-samarbejdet?",
            "summary": (
                "Lektionen introducerer SSP-samarbejdets formål og baggrund, de "
                "principper, der går igen i alle landets kommuner, og de roller, "
                "som de forskellige faggrupper har i samarbejdet."
            ),
            "body": [
                (
                    "heading",
                    {"text": "Et samarbejde mellem tre sektorer", "level": "h2"},
                ),
                (
                    "paragraph",
                    (
                        "<p>SSP står for <b>Skole, Socialforvaltning og "
                        "Politi</b>. Samarbejdet voksede frem i 1970'erne ud fra "
                        "en erkendelse af, at ingen af de tre sektorer alene kan "
                        "forebygge kriminalitet blandt børn og unge. Skolen ser "
                        "eleverne hver dag og opdager ofte først, når trivslen "
                        "svigter. Socialforvaltningen har redskaberne til at "
                        "støtte familier og sætte hjælp i gang. Politiet har viden "
                        "om kriminalitetsbilledet og om de unge, der allerede er "
                        "kommet i kontakt med det. Når viden og ressourcer kobles, "
                        "kan indsatsen komme tidligere og blive mere "
                        "sammenhængende.</p><p>I dag findes der et SSP-samarbejde "
                        "i alle landets 98 kommuner. Organiseringen varierer, men "
                        "formålet er det samme: at forebygge, at børn og unge "
                        "begår kriminalitet, og at skabe trygge rammer for deres "
                        "opvækst. Mange kommuner har desuden inddraget flere "
                        "aktører, fx ungdomsskolen, klub- og fritidstilbud, "
                        "sundhedsplejen og boligsociale medarbejdere.</p>"
                    ),
                ),
                ("heading", {"text": "Principper, der går igen", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>Selvom hver kommune har sin egen model, bygger godt "
                        "SSP-arbejde på nogle fælles "
                        "principper:</p><ul><li><b>Tværfaglighed:</b> Problemer "
                        "løses bedst, når faggrupperne bidrager med hver deres "
                        "perspektiv og respekterer hinandens "
                        "opgaver.</li><li><b>Tidlig indsats:</b> Det er lettere at "
                        "hjælpe et barn, der mistrives, end en ung, der allerede "
                        "er godt på vej ind i "
                        "kriminalitet.</li><li><b>Helhedssyn:</b> Kriminalitet "
                        "hænger ofte sammen med skolegang, familie, venskaber, "
                        "fritid og helbred. Indsatsen skal se hele den "
                        "unge.</li><li><b>Inddragelse:</b> Børn, unge og forældre "
                        "er ikke kun modtagere af en indsats, men "
                        "samarbejdspartnere.</li><li><b>Retssikkerhed:</b> "
                        "Samarbejdet foregår inden for klare juridiske rammer, "
                        "især når der udveksles oplysninger om "
                        "enkeltpersoner.</li></ul>"
                    ),
                ),
                ("heading", {"text": "Hvem gør hvad?", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p><b>SSP-konsulenten</b> eller SSP-koordinatoren er "
                        "typisk ansat i kommunen og binder samarbejdet sammen: "
                        "indkalder til møder, følger op på aftaler, samler viden "
                        "om lokale tendenser og rådgiver kolleger. <b>Lærere, "
                        "pædagoger og klubmedarbejdere</b> er tættest på de unge i "
                        "hverdagen og er ofte de første, der ser tegn på "
                        "bekymring. <b>Socialrådgivere</b> vurderer behovet for "
                        "støtte og træffer afgørelser efter den sociale "
                        "lovgivning. <b>Politiets forebyggelsesmedarbejdere</b>, "
                        "fx forebyggelsesbetjente og nærpolitiet, bidrager med "
                        "viden om kriminalitet, holder bekymringssamtaler og "
                        "deltager i det opsøgende arbejde.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Et fiktivt eksempel",
                        "text": (
                            "<p>En klubmedarbejder lægger mærke til, at en dreng "
                            "på 13 år – her kaldet Jonas, som er et opdigtet navn "
                            "– pludselig har mange penge og hænger ud med ældre "
                            "unge om aftenen. Klubmedarbejderen drøfter "
                            "bekymringen med SSP-konsulenten, som hjælper med at "
                            "vurdere, om sagen skal videre til et møde med skole, "
                            "socialforvaltning og politi. Eksemplet viser, hvordan "
                            "en observation i hverdagen kan blive starten på en "
                            "koordineret indsats.</p>"
                        ),
                    },
                ),
                ("heading", {"text": "Refleksion", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Tænk over din egen arbejdsplads: Hvem er din nærmeste "
                        "SSP-kontakt, og hvornår har du senest drøftet en "
                        "bekymring med en kollega fra en anden sektor? Notér dine "
                        "overvejelser til næste holdsamling, men skriv aldrig "
                        "navne eller andre oplysninger, der kan identificere et "
                        "barn.</p>"
                    ),
                ),
            ],
        },
        {
            "slug": "ssp-organisationens-niveauer",
            "title": "SSP-organisationens niveauer",
            "summary": (
                "Lektionen gennemgår, hvordan SSP er organiseret lokalt i "
                "kommunen, i politikredsen og på nationalt niveau, og hvordan "
                "niveauerne spiller sammen."
            ),
            "body": [
                (
                    "heading",
                    {
                        "text": "Den lokale SSP-organisation i kommunen",
                        "level": "h2",
                    },
                ),
                (
                    "paragraph",
                    (
                        "<p>I de fleste kommuner er SSP-samarbejdet bygget op i "
                        "tre lag, selvom betegnelserne "
                        "varierer:</p><ul><li><b>Styregruppen</b> består af ledere "
                        "fra kommunens forvaltninger – typisk skole-, social- og "
                        "fritidsområdet – og fra politiet. Styregruppen fastlægger "
                        "mål og prioriteringer, afsætter ressourcer og godkender "
                        "den lokale "
                        "SSP-strategi.</li><li><b>Koordinationsgruppen</b>, som "
                        "nogle steder kaldes SSP-udvalget, består af mellemledere "
                        "og nøglepersoner. Den omsætter strategien til handling, "
                        "følger kriminalitetsbilledet og sikrer sammenhæng mellem "
                        "indsatserne.</li><li><b>Lokalgrupperne</b> arbejder tæt "
                        "på børn og unge, ofte i et skoledistrikt eller et "
                        "boligområde. Her mødes lærere, pædagoger, "
                        "klubmedarbejdere, socialrådgivere og politiets lokale "
                        "kontaktperson for at drøfte tendenser og konkrete "
                        "bekymringer.</li></ul><p>SSP-konsulenten er bindeleddet "
                        "mellem lagene og sørger for, at viden fra lokalgrupperne "
                        "når op til beslutningstagerne, og at beslutningerne når "
                        "ud i praksis.</p>"
                    ),
                ),
                (
                    "heading",
                    {
                        "text": (
                            "Politikredsen: kredsråd, lokalråd og politiets "
                            "forebyggelse"
                        ),
                        "level": "h2",
                    },
                ),
                (
                    "paragraph",
                    (
                        "<p>Danmark er inddelt i 12 politikredse, og hver kreds "
                        "dækker flere kommuner. I hver politikreds er der et "
                        "<b>kredsråd</b>, som består af politidirektøren og "
                        "borgmestrene i kredsens kommuner. Kredsrådet er det "
                        "strategiske forum for samarbejdet mellem politi og "
                        "kommuner og drøfter blandt andet kriminalitetsudviklingen "
                        "og politiets plan for samarbejdet med lokalsamfundet. I "
                        "kommunerne er der desuden <b>lokalråd</b>, hvor politiet "
                        "og kommunen – ofte sammen med andre lokale aktører – "
                        "drøfter tryghed og forebyggelse tættere på "
                        "borgerne.</p><p>Politiets egen forebyggende indsats er "
                        "samlet i en forebyggelsesenhed i hver kreds. Navn og "
                        "organisering varierer, men enheden rummer typisk "
                        "forebyggelsesbetjente, der deltager i SSP-samarbejdet, "
                        "holder bekymringssamtaler og har fast kontakt til skoler "
                        "og klubber.</p>"
                    ),
                ),
                ("heading", {"text": "SSP-Samrådet", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p><b>SSP-Samrådet</b> er et landsdækkende fagligt "
                        "fællesskab for SSP-konsulenter og andre med ansvar for "
                        "SSP-arbejdet. Samrådet er organiseret i kredse, der i vid "
                        "udstrækning følger politikredsene, og skaber rum for "
                        "erfaringsudveksling, faglig udvikling og dialog med "
                        "kredsrådene og de nationale aktører.</p>"
                    ),
                ),
                ("heading", {"text": "Det nationale niveau", "level": "h2"}),
                (
                    "paragraph",
                    (
                        "<p>På nationalt niveau understøttes SSP-arbejdet af flere "
                        "aktører. <b>Socialstyrelsen</b> udvikler og formidler "
                        "viden om indsatser for udsatte børn og unge, herunder "
                        "forebyggelse af kriminalitet, og står for "
                        "SSP-uddannelsen. <b>Rigspolitiets Nationale "
                        "Forebyggelsescenter</b> samler og formidler viden om "
                        "kriminalitetsforebyggelse, understøtter politikredsenes "
                        "forebyggende arbejde og er medarrangør af uddannelsen. "
                        "<b>Det Kriminalpræventive Råd (DKR)</b> har gennem årtier "
                        "spillet en central rolle for udviklingen af SSP, og "
                        "arbejdet med at samle viden og netværk om SSP på "
                        "landsplan sker i dag i tæt samspil med Nationalt "
                        "Forebyggelsescenter.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Husk sammenhængen",
                        "text": (
                            "<p>Niveauerne er ikke et hierarki, hvor beskeder kun "
                            "går én vej. Godt SSP-arbejde kræver, at erfaringer "
                            "fra lokalgrupperne bliver brugt i styregruppen og "
                            "kredsrådet, og at den nationale viden bliver omsat "
                            "lokalt.</p>"
                        ),
                    },
                ),
            ],
        },
        {
            "slug": "forebyggelsespyramiden",
            "title": "Forebyggelsespyramiden: tre niveauer af forebyggelse",
            "summary": (
                "Lektionen præsenterer forebyggelsespyramiden med generel, "
                "specifik og individorienteret forebyggelse og giver eksempler på "
                "indsatser på hvert niveau."
            ),
            "body": [
                (
                    "heading",
                    {
                        "text": "En model til at vælge den rette indsats",
                        "level": "h2",
                    },
                ),
                (
                    "paragraph",
                    (
                        "<p>Forebyggelsespyramiden er et af de mest brugte "
                        "redskaber i SSP-arbejdet. Den deler den forebyggende "
                        "indsats op i tre niveauer efter, hvor bred målgruppen er, "
                        "og hvor stor risikoen er. Nederst i pyramiden ligger den "
                        "brede indsats, der når alle børn og unge. Øverst ligger "
                        "den målrettede indsats over for de forholdsvis få, der "
                        "allerede er på vej ind i kriminalitet. Modellen hjælper "
                        "med at prioritere ressourcerne og sikre, at ingen grupper "
                        "bliver overset.</p>"
                    ),
                ),
                ("heading", {"text": "Generel forebyggelse", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Den generelle forebyggelse retter sig mod alle børn og "
                        "unge, uanset om der er en konkret bekymring. Formålet er "
                        "at styrke trivsel, fællesskab og sociale kompetencer og "
                        "at give viden, der gør det lettere at træffe gode valg. "
                        "Eksempler er undervisningsforløb om digital dannelse, "
                        "rusmidler og grænser, forældremøder om unges fritidsliv "
                        "og et bredt udbud af klub- og fritidstilbud. Fordi "
                        "indsatsen henvender sig til alle, stempler den ingen.</p>"
                    ),
                ),
                ("heading", {"text": "Specifik forebyggelse", "level": "h3"}),
                (
                    "paragraph",
                    (
                        "<p>Den specifikke forebyggelse retter sig mod grupper, "
                        "der er i øget risiko. Det kan være en gruppe unge, der "
                        "samles et bestemt sted om aftenen, en årgang med mange "
                        "konflikter eller et boligområde med uro. Eksempler er "
                        "gadeplansarbejde, målrettede gruppeforløb, "
                        "mentorordninger for unge med højt fravær og samarbejde "
                        "med boligsociale medarbejdere om aktiviteter i "
                        "weekenderne.</p>"
                    ),
                ),
                (
                    "heading",
                    {"text": "Individorienteret forebyggelse", "level": "h3"},
                ),
                (
                    "paragraph",
                    (
                        "<p>Den individorienterede forebyggelse retter sig mod det "
                        "enkelte barn eller den enkelte unge, der har begået "
                        "kriminalitet eller er i høj risiko for det. Indsatsen "
                        "tilrettelægges efter den unges situation og sker ofte i "
                        "et tæt samarbejde mellem skole, socialforvaltning og "
                        "politi. Eksempler er bekymringssamtaler med den unge og "
                        "forældrene, en koordineret handleplan, kontaktperson- "
                        "eller mentorordninger og, ved alvorlig kriminalitet, "
                        "forløb i regi af Ungdomskriminalitetsnævnet. På dette "
                        "niveau udveksles der ofte oplysninger om den unge, og "
                        "derfor er kendskab til de juridiske rammer afgørende.</p>"
                    ),
                ),
                (
                    "callout",
                    {
                        "kind": "info",
                        "heading": "Risiko- og beskyttelsesfaktorer",
                        "text": (
                            "<p>Pyramiden hænger tæt sammen med viden om "
                            "<b>risikofaktorer</b> – fx højt skolefravær, venner "
                            "med kriminel adfærd og belastninger i familien – og "
                            "<b>beskyttelsesfaktorer</b> som en stabil "
                            "voksenkontakt, et positivt fællesskab og tilknytning "
                            "til skole eller job. Forebyggelse handler både om at "
                            "mindske risici og om at styrke det, der "
                            "beskytter.</p>"
                        ),
                    },
                ),
                (
                    "callout",
                    {
                        "kind": "warning",
                        "heading": "Undgå at stemple",
                        "text": (
                            "<p>Når en gruppe eller et barn får en målrettet "
                            "indsats, kan det opleves som et stempel. Tænk derfor "
                            "altid over, hvordan indsatsen formidles, og inddrag "
                            "de unge og deres forældre så tidligt som muligt.</p>"
                        ),
                    },
                ),
            ],
        },
    ],
}
