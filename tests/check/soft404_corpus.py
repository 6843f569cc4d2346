"""Hand-written pages for the error-page heuristic: (html, is_error_page). Written for citetrack."""

PAGES = [
    ("<title>404 Not Found</title><h1>Not Found</h1><p>The requested URL was not found on this server.</p>", True),
    ("<title>Page not found | Harbour Gazette</title><p>Sorry, we couldn't find that page.</p>", True),
    ("<title>Harbour Gazette</title><h1>Oops! Page not found</h1><p>Try the search.</p>", True),
    ("<title>Oops</title><p>The page you are looking for does not exist or has been moved.</p>", True),
    ("<title>Erreur 404 - Le Quotidien du Port</title><p>Retour à l'accueil</p>", True),
    ("<title>Le Quotidien du Port</title><p>La page que vous recherchez n'existe pas.</p>", True),
    ("<title>Page introuvable</title>", True),
    ("<title>Diario del Puerto</title><h1>Página no encontrada</h1>", True),
    ("<title>Diario del Puerto</title><p>Lo sentimos, la página que buscas no existe.</p>", True),
    ("<title>Error 404</title><p>No hemos podido encontrar la página.</p>", True),
    ("<title>Hafenblatt</title><h1>Seite nicht gefunden</h1>", True),
    ("<title>Article not found</title><p>This article is no longer available.</p>", True),
    ("<title>Grain exports rise through the delta | Harbour Gazette</title><p>" + "Shipments grew by a fifth in May. " * 40 + "</p>", False),
    ("<title>Flight 404 lands safely after engine scare</title><p>" + "The aircraft returned to the gate. " * 30 + "</p>", False),
    ("<title>Why 'page not found' errors cost shops money</title><p>" + "Broken links drive customers away; a page not found error is a lost sale. " * 60 + "</p>", False),
    ("<title>Les exportations de céréales progressent</title><p>" + "Le port a traité davantage de navires. " * 40 + "</p>", False),
    ("<title>Las exportaciones crecen en el puerto</title><p>" + "El tráfico aumentó un veinte por ciento. " * 40 + "</p>", False),
    ("<title>Annual report 2023</title><h1>Annual report</h1><p>" + "Revenue and outlook for the coming year. " * 30 + "</p>", False),
    ("<title>Contact us</title><h1>Contact</h1><p>Write to the newsroom at the address below.</p>", False),
    ("<title>The Not Found Collective: a new album</title><p>" + "The band returns with ten songs. " * 30 + "</p>", False),
]
