/**
 * Seed 004's network diagram, drawn: who talks to whom, over what, and whose
 * responsibility each part is. The picture is an image with a title and a
 * description; the list after it states every path in words, so nothing is
 * only in the drawing. It keeps its proportions and scrolls sideways on a
 * narrow screen rather than shrinking its text to nothing.
 */
import { INK, PRIVATE, SHARED, Box, Zone, Label } from "./diagram-parts";

export function NetworkDiagram() {
  return (
    <figure aria-labelledby="network-diagram-caption" className="space-y-4">
      <div
        role="region"
        aria-label="Network diagram (scrolls sideways on a narrow screen)"
        tabIndex={0}
        className="overflow-x-auto rounded border border-base-lighter"
      >
        <svg
          role="img"
          aria-labelledby="network-diagram-title network-diagram-desc"
          viewBox="0 0 1120 470"
          className="block w-full min-w-[52rem] bg-white"
        >
          <title id="network-diagram-title">
            How private egress connects your apps to your private network
          </title>
          <desc id="network-diagram-desc">
            Clients on the internet reach the platform&rsquo;s load balancer, then its router, which sends
            requests to your apps on dedicated hosts or to other apps on shared hosts. Apps on both reach the
            platform&rsquo;s services under the shared network rules. Only your dedicated hosts reach the
            platform&rsquo;s VPN endpoint, under the dedicated network rules; an IPsec tunnel over the
            internet joins it to your VPN endpoint, behind which your data-loss-prevention solution passes
            traffic to the private service in your private network.
          </desc>
          <defs>
            {[
              ["network-arrow", SHARED],
              ["network-arrow-private", PRIVATE],
            ].map(([id, colour]) => (
              <marker
                key={id}
                id={id}
                viewBox="0 0 10 10"
                refX="9"
                refY="5"
                markerWidth="7"
                markerHeight="7"
                orient="auto-start-reverse"
              >
                <path d="M0 0 L10 5 L0 10 z" fill={colour} />
              </marker>
            ))}
          </defs>

          <Zone x={165} y={10} w={710} h={450} label="AWS GovCloud" fill="#ffffff" dashed />
          <Zone x={295} y={45} w={435} h={405} label="The platform’s responsibility" fill="#f0f0f0" />
          <Zone x={945} y={10} w={165} h={450} label="Your responsibility" fill="#e7f6f8" dashed />

          <Box x={10} y={205} w={100} h={50} title={["Client"]} notes={["browser or API"]} />
          <Box x={180} y={205} w={115} h={50} title={["Load balancer"]} notes={["AWS ELB"]} />
          <Box x={310} y={205} w={100} h={50} title={["Router"]} />
          <Box
            x={440}
            y={85}
            w={145}
            h={80}
            title={["Dedicated hosts"]}
            notes={["dedicated segment:", "your isolated apps"]}
            tone="private"
          />
          <Box
            x={440}
            y={300}
            w={145}
            h={80}
            title={["Shared hosts"]}
            notes={["shared segment:", "other apps (default)"]}
          />
          <Box
            x={600}
            y={195}
            w={122}
            h={70}
            title={["Platform", "services"]}
            notes={["e.g. shared database"]}
          />
          <Box
            x={745}
            y={85}
            w={122}
            h={80}
            title={["VPN endpoint"]}
            notes={["the platform’s:", "AWS Site-to-Site VPN"]}
            tone="private"
          />
          <Box x={957} y={85} w={141} h={80} title={["Your VPN", "endpoint"]} tone="private" />
          <Box x={957} y={205} w={141} h={70} title={["Data-loss", "prevention"]} tone="private" />
          <rect
            x={952}
            y={300}
            width={151}
            height={145}
            rx="8"
            fill="#ffffff"
            stroke={SHARED}
            strokeDasharray="4 3"
          />
          <text x={1027} y={434} textAnchor="middle" fontSize="12" fontWeight="700" fill={INK}>
            Your private network
          </text>
          <Box x={965} y={345} w={125} h={60} title={["Private service"]} tone="private" />

          <g fill="none" strokeWidth="2.5">
            {/* Client to the router, and the router to both pools of hosts. */}
            <path d="M110 230 H178" stroke={SHARED} markerEnd="url(#network-arrow)" />
            <path d="M295 230 H308" stroke={SHARED} markerEnd="url(#network-arrow)" />
            <path d="M410 220 H425 V125 H438" stroke={SHARED} markerEnd="url(#network-arrow)" />
            <path d="M410 240 H425 V340 H438" stroke={SHARED} markerEnd="url(#network-arrow)" />
            {/* Both pools to the platform's services, under the shared rules. */}
            <path d="M585 150 H661 V193" stroke={SHARED} markerEnd="url(#network-arrow)" />
            <path d="M585 340 H661 V267" stroke={SHARED} markerEnd="url(#network-arrow)" />
            {/* The private path: dedicated hosts, both VPN endpoints, DLP, the private service. */}
            <path
              d="M585 110 H743"
              stroke={PRIVATE}
              strokeWidth="3.5"
              markerEnd="url(#network-arrow-private)"
            />
            <path
              d="M869 125 H955"
              stroke={PRIVATE}
              strokeWidth="3.5"
              strokeDasharray="10 5"
              markerStart="url(#network-arrow-private)"
              markerEnd="url(#network-arrow-private)"
            />
            <path
              d="M1027 165 V203"
              stroke={PRIVATE}
              strokeWidth="3.5"
              markerEnd="url(#network-arrow-private)"
            />
            <path
              d="M1027 275 V343"
              stroke={PRIVATE}
              strokeWidth="3.5"
              markerEnd="url(#network-arrow-private)"
            />
          </g>

          <Label x={139} y={221}>
            internet
          </Label>
          <Label x={664} y={100}>
            dedicated network rules
          </Label>
          <Label x={655} y={183} anchor="end">
            shared network rules
          </Label>
          <Label x={655} y={292} anchor="end">
            shared network rules
          </Label>
          <text
            x={911}
            y={112}
            textAnchor="middle"
            fontSize="13"
            fontWeight="700"
            fill={PRIVATE}
            stroke="#ffffff"
            strokeWidth="4"
            strokeLinejoin="round"
            paintOrder="stroke"
          >
            IPsec
          </text>
          <Label x={911} y={148}>
            via internet
          </Label>
        </svg>
      </div>
      <p className="text-sm text-base-dark md:hidden">Scroll the diagram sideways to see all of it.</p>
      <figcaption id="network-diagram-caption" className="text-sm text-base-dark">
        The network paths of private egress. Blue: the private path, from your dedicated hosts through the
        IPsec tunnel (dashed) to your network. Grey: paths every app has.
      </figcaption>
      <div>
        <h3 className="text-lg">The same, in words</h3>
        <ol className="mt-2 list-decimal space-y-2 pl-6">
          <li>
            Clients reach your apps over the internet through the platform&rsquo;s load balancer (an AWS
            Elastic Load Balancer) and its router. The router sends each request to the app&rsquo;s hosts:
            your dedicated hosts for apps in your isolation segment, the shared hosts for every other app.
            Apps on dedicated hosts stay reachable from the internet.
          </li>
          <li>
            Apps on both kinds of hosts reach the platform&rsquo;s services, such as the shared database,
            under the shared network rules.
          </li>
          <li>
            Only apps on your dedicated hosts reach the platform&rsquo;s VPN endpoint (AWS Site-to-Site VPN),
            under the dedicated network rules. Apps of other customers never run on those hosts.
          </li>
          <li>
            An IPsec tunnel over the internet joins the platform&rsquo;s VPN endpoint to your VPN endpoint.
            Your side starts the connection and keeps it up.
          </li>
          <li>
            Behind your endpoint, your data-loss-prevention solution passes the traffic on to the private
            service in your private network.
          </li>
        </ol>
        <p className="mt-2">
          The platform runs the router, both pools of hosts and its services, inside AWS GovCloud with the
          load balancer and the VPN endpoint. You run your VPN endpoint, the data-loss-prevention solution and
          your private network.
        </p>
      </div>
    </figure>
  );
}
