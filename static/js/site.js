/* Start the design system's components (accordions, alerts, tabs and the like). */
(function () {
    "use strict";
    if (window.DKFDS && typeof window.DKFDS.init === "function") {
        window.DKFDS.init();
    }
})();
