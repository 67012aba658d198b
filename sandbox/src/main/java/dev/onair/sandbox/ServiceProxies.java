package dev.onair.sandbox;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays kube-proxy: each Service gets a stable loopback address of its own, and every TCP port of
 * it forwards connections to a ready pod its selector matches. Clients keep one address while the
 * pods behind it are replaced, as with a ClusterIP.
 */
final class ServiceProxies implements AutoCloseable {
  /** Finds the address of a ready pod for a Service port. */
  interface Backends {
    Optional<InetSocketAddress> pick(
        String namespace, Map<String, String> selector, ServicePort port);
  }

  private final AddressPool addresses;
  private final Backends backends;
  private final Map<String, Proxy> proxies = new ConcurrentHashMap<>();

  ServiceProxies(AddressPool addresses, Backends backends) {
    this.addresses = addresses;
    this.backends = backends;
  }

  /** The address a Service answers on, or null while it is unknown. */
  String addressOf(String namespace, String name) {
    Proxy p = proxies.get(namespace + "/" + name);
    return p == null ? null : p.address;
  }

  synchronized void upsert(Service service) {
    String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    Proxy existing = proxies.get(key);
    if (existing != null && existing.ports.equals(tcpPorts(service))) {
      existing.service = service;
      return;
    }
    String address = existing == null ? addresses.allocate() : existing.address;
    if (existing != null) {
      existing.closeListeners();
    }
    Proxy proxy = new Proxy(address, service);
    proxies.put(key, proxy);
    proxy.listen();
  }

  synchronized void remove(Service service) {
    Proxy p =
        proxies.remove(
            service.getMetadata().getNamespace() + "/" + service.getMetadata().getName());
    if (p != null) {
      p.closeListeners();
      addresses.release(p.address);
    }
  }

  private static List<Integer> tcpPorts(Service service) {
    List<Integer> ports = new ArrayList<>();
    for (ServicePort p : service.getSpec().getPorts()) {
      if (p.getProtocol() == null || "TCP".equals(p.getProtocol())) {
        ports.add(p.getPort());
      }
    }
    return ports;
  }

  @Override
  public synchronized void close() {
    proxies.values().forEach(Proxy::closeListeners);
    proxies.clear();
  }

  private final class Proxy {
    final String address;
    final List<Integer> ports;
    final List<ServerSocket> listeners = new ArrayList<>();
    volatile Service service;

    Proxy(String address, Service service) {
      this.address = address;
      this.service = service;
      this.ports = tcpPorts(service);
    }

    void listen() {
      for (ServicePort port : service.getSpec().getPorts()) {
        if (port.getProtocol() != null && !"TCP".equals(port.getProtocol())) {
          continue;
        }
        try {
          ServerSocket listener = new ServerSocket();
          listener.setReuseAddress(true);
          listener.bind(new InetSocketAddress(InetAddress.getByName(address), port.getPort()), 50);
          listeners.add(listener);
          Thread t =
              new Thread(
                  () -> accept(listener, port.getName()), "svc-" + address + ":" + port.getPort());
          t.setDaemon(true);
          t.start();
        } catch (IOException e) {
          System.err.println(
              "[sandbox] service "
                  + service.getMetadata().getName()
                  + " cannot listen on "
                  + address
                  + ":"
                  + port.getPort()
                  + ": "
                  + e.getMessage());
        }
      }
    }

    private void accept(ServerSocket listener, String portName) {
      while (!listener.isClosed()) {
        Socket client;
        try {
          client = listener.accept();
        } catch (IOException e) {
          return;
        }
        Service s = service;
        ServicePort port =
            s.getSpec().getPorts().stream()
                .filter(p -> java.util.Objects.equals(p.getName(), portName))
                .findFirst()
                .orElse(null);
        Optional<InetSocketAddress> backend =
            port == null
                ? Optional.empty()
                : backends.pick(s.getMetadata().getNamespace(), s.getSpec().getSelector(), port);
        if (backend.isEmpty()) {
          closeQuietly(client); // no ready endpoint: refused, as a ClusterIP without endpoints
          continue;
        }
        Thread t = new Thread(() -> forward(client, backend.get()), "svc-conn-" + address);
        t.setDaemon(true);
        t.start();
      }
    }

    void closeListeners() {
      listeners.forEach(ServiceProxies::closeQuietly);
      listeners.clear();
    }
  }

  private static void forward(Socket client, InetSocketAddress backend) {
    Socket server = new Socket();
    try {
      server.connect(backend, 2000);
      server.setTcpNoDelay(true);
      client.setTcpNoDelay(true);
      Thread up = new Thread(() -> pipe(client, server), "svc-up");
      up.setDaemon(true);
      up.start();
      pipe(server, client);
      up.join(2000);
    } catch (IOException e) {
      // backend refused or went away: the client sees its connection closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(server);
      closeQuietly(client);
    }
  }

  private static void pipe(Socket from, Socket to) {
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void closeQuietly(java.io.Closeable c) {
    try {
      c.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
